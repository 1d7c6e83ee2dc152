import type { TextPart } from './delivery-instructions.ts';

/** A sentence made of plain and emphasised parts. */
export function InstructionText(props: {
  parts: readonly TextPart[];
  className?: string;
}): React.JSX.Element {
  return (
    <p className={props.className}>
      {props.parts.map((part, index) =>
        // The parts of one sentence never reorder, so their index is a stable key.
        typeof part === 'string' ? part : <strong key={index}>{part.strong}</strong>,
      )}
    </p>
  );
}
