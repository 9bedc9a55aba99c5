/**
 * The inventory stage: reads Ansible INI and YAML inventories exactly as {@code ansible-inventory} 2.14 does
 * ({@link dev.capfleet.inventory.InventoryLoader}), selects hosts with Ansible patterns
 * ({@link dev.capfleet.inventory.Inventory#select}), prints {@code --list}/{@code --graph}
 * ({@link dev.capfleet.inventory.InventoryJson}) and gives the scanner typed targets
 * ({@link dev.capfleet.inventory.HostTarget}).
 */
package dev.capfleet.inventory;
