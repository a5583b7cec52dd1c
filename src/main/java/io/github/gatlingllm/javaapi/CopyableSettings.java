package io.github.gatlingllm.javaapi;

/**
 * The mutable settings behind an immutable DSL builder: each builder method changes a copy, so a builder that was
 * shared or reused is never altered. A shallow copy is enough: the fields hold immutable values.
 */
abstract class CopyableSettings<S extends CopyableSettings<S>> implements Cloneable {

  @SuppressWarnings("unchecked")
  S copy() {
    try {
      return (S) super.clone();
    } catch (CloneNotSupportedException e) {
      throw new AssertionError("settings are Cloneable", e);
    }
  }

  /** {@code list} with {@code element} appended, as a new immutable list (the settings' lists are never changed). */
  static <T> java.util.List<T> appended(java.util.List<T> list, T element) {
    java.util.List<T> more = new java.util.ArrayList<>(list.size() + 1);
    more.addAll(list);
    more.add(java.util.Objects.requireNonNull(element));
    return java.util.List.copyOf(more);
  }
}
