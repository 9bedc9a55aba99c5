package dev.capfleet.inventory;

import java.util.AbstractList;
import java.util.List;

/**
 * An immutable list that remembers it was a Python tuple, so that {@code --graph --vars} prints
 * {@code (1, 2)}.
 */
final class PythonTuple extends AbstractList<Object> {
  private final List<Object> items;

  PythonTuple(List<Object> items) {
    this.items = items;
  }

  @Override
  public Object get(int index) {
    return items.get(index);
  }

  @Override
  public int size() {
    return items.size();
  }
}
