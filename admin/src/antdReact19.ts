// antd 5 renders some pieces (button wave, static message/notification) with ReactDOM.render, which
// React 19 removed. antd's documented compatibility hook: give it a React 19 render function.
import { unstableSetRender } from 'antd';
import { createRoot, type Root } from 'react-dom/client';

const roots = new WeakMap<Element | DocumentFragment, Root>();

unstableSetRender((node, container) => {
  let root = roots.get(container);
  if (!root) {
    root = createRoot(container);
    roots.set(container, root);
  }
  root.render(node);
  return async () => {
    await new Promise((resolve) => setTimeout(resolve, 0));
    root.unmount();
    roots.delete(container);
  };
});
