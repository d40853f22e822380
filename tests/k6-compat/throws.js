export const options = { iterations: 3 };

export default function () {
  throw new Error('boom in iteration');
}
