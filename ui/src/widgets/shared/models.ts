/** The bundled models' list, as the widgets that show parameter counts ask for it. */
import { errorMessage } from "../../lib/api";
import type { Engine, ModelEntry } from "../../generation/engine";

/**
 * Asks for the model list once (call it in onMount and return what it returns): `onList`
 * gets the entries, `onFail` the failure's text, and neither is called once the widget is gone.
 */
export function listModelsWhileMounted(
  engine: Pick<Engine, "listModels">,
  onList: (entries: ModelEntry[]) => void,
  onFail: (message: string) => void = () => {},
): () => void {
  let alive = true;
  engine
    .listModels()
    .then((entries) => {
      if (alive) onList(entries);
    })
    .catch((err: unknown) => {
      if (alive) onFail(errorMessage(err));
    });
  return () => {
    alive = false;
  };
}
