/**
 * The requirement model as data: {@link dev.capfleet.model.ModelLoader} reads a bundled or
 * user-given JSON or YAML file into a {@link dev.capfleet.model.RequirementModel} (capability sets
 * per kernel range and mode, rules with conditions over named facts, remediation actions (shell and
 * Ansible templates, in the order they run), references, deployment snippets), and refuses a bad
 * file at load time with the file and the entry that is wrong. Code here validates and holds the
 * model; it does not evaluate it (that is assess).
 *
 * <p>Imports: core (capabilities, kernel versions, severities) and Jackson; no other stage.
 */
package dev.capfleet.model;
