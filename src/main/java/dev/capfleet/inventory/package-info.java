/**
 * The inventory stage: reads Ansible INI and YAML inventories exactly as {@code ansible-inventory}
 * 2.14 does ({@link dev.capfleet.inventory.InventoryLoader}), selects hosts with Ansible patterns
 * ({@link dev.capfleet.inventory.Inventory#select}), prints {@code --list}/{@code --graph} ({@link
 * dev.capfleet.inventory.InventoryJson}) and gives the scanner typed targets ({@link
 * dev.capfleet.inventory.HostTarget}). Several {@code -i} sources, directories and host lists, with
 * the group_vars/host_vars beside them, are read as Ansible's InventoryManager does ({@link
 * dev.capfleet.inventory.InventorySources}); {@code ansible.cfg} is found and read as Ansible does
 * ({@link dev.capfleet.inventory.AnsibleConfig}). {@link dev.capfleet.inventory.JumpHost} is the
 * one ProxyJump parser, for inventory arguments and ssh_config values alike.
 *
 * <p>Imports: SnakeYAML and Jackson; no other stage.
 */
package dev.capfleet.inventory;
