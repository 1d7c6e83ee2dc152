/** PLACEHOLDER (helper B replaces this): the form that adds one phone or a pasted list. */
export function AddPhones(): React.JSX.Element {
  return <form aria-label="Add phones" />;
}
