/** A reactive object for tests that pass bindable state to a component (as the lab does). */
export function reactive<T extends object>(value: T): T {
  const state = $state(value);
  return state;
}
