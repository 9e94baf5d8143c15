// Taro's app component: the current page is its child.
export default function App({ children }) {
  return children;
}
