import { useOpenExternal } from '../api/use-open-external.ts';
import { useAppStoreApi } from '../store/store-context.tsx';

/** Opens Fragment's page for this number in the browser; main decides whether the link may be opened. */
export function OpenFragmentButton(props: { loginId: string; url: string }): React.JSX.Element {
  const openExternal = useOpenExternal();
  const store = useAppStoreApi();
  return (
    <button
      type="button"
      onClick={() => {
        void openExternal(props.url).then((refusal) => {
          if (refusal !== null) store.getState().setCardNotice(props.loginId, refusal);
        });
      }}
    >
      Open Fragment
    </button>
  );
}
