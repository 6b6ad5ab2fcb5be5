export default function Placeholder() {
  return <div className="yw-page">建设中</div>
}
