package dev.capfleet.cli;

import dev.capfleet.inventory.Inventory;
import dev.capfleet.inventory.InventoryJson;
import java.io.PrintWriter;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code capfleet inventory}: shows an inventory as {@code ansible-inventory --list} or {@code
 * --graph} does.
 */
@Command(
    name = "inventory",
    mixinStandardHelpOptions = true,
    description =
        "Show an Ansible inventory as capfleet reads it (same JSON as ansible-inventory --list).")
final class InventoryCommand extends BaseCommand {
  @picocli.CommandLine.Mixin InventoryOptions inventory;

  @ArgGroup(exclusive = true, multiplicity = "1")
  Action action;

  static final class Action {
    @Option(names = "--list", description = "All groups and host variables as JSON.")
    boolean list;

    @Option(names = "--graph", description = "The group tree.")
    boolean graph;
  }

  @Option(names = "--vars", description = "With --graph: show variables too.")
  boolean vars;

  @Option(
      names = {"-l", "--limit"},
      paramLabel = "PATTERN",
      description =
          "Only hosts matching the Ansible pattern; one that matches nothing warns, shows no host, exit 0.")
  String limit;

  @Override
  public Integer call() throws Exception {
    PrintWriter err = err();
    Inventory inv = Inventories.load(inventory, Inventories.config(env()), err);
    if (limit != null) {
      inv = inv.subset(Inventories.select(inv, limit, err));
    }
    PrintWriter out = out();
    if (action.graph) {
      String graph =
          Main.shown(InventoryJson.graph(inv, "all", vars)); // names may hold terminal escapes
      out.print(graph.endsWith("\n") ? graph : graph + "\n");
    } else {
      var json = InventoryJson.list(inv);
      out.println(dev.capfleet.report.JsonReports.mapper().writeValueAsString(json));
    }
    out.flush();
    return 0;
  }
}
