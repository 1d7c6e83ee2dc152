import { useApi } from '../api/api-context.tsx';
import { useAppStoreApi } from '../store/store-context.tsx';

/** Opens Fragment's page for this number in the browser; main decides whether the link may be opened. */
export function OpenFragmentButton(props: { loginId: string; url: string }): React.JSX.Element {
  const api = useApi();
  const store = useAppStoreApi();
  return (
    <button
      type="button"
      onClick={() => {
        void api.invoke('app:openExternal', { url: props.url }).then((result) => {
          if (!result.ok) store.getState().setCardNotice(props.loginId, result.error);
        });
      }}
    >
      Open Fragment
    </button>
  );
}
