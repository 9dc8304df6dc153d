import { describe, expect, it } from "vitest";
import { emailClasses } from "../../../src/definition/email.js";

describe("emailClasses", () => {
  it.each([
    ["ana@acme.io", ["business"]],
    ["Ana@Gmail.com", ["free"]],
    ["bob@yahoo.co.uk", ["free"]],
    ["x@mailinator.com", ["disposable"]],
    ["info@acme.io", ["business", "role"]],
    ["sales@hotmail.fr", ["free", "role"]],
    ["not an address", ["invalid"]],
    ["a@b", ["invalid"]],
  ])("%s is %j", (email, classes) => {
    expect([...emailClasses(email)].sort()).toEqual(classes);
  });
});
