import { Alert } from 'antd';

/** The form-level error (the core's Chinese message), announced to screen readers. */
export function FormError({ message }: { message: string | null }) {
  if (!message) return null;
  return <Alert type="error" showIcon title={message} data-testid="form-error" style={{ marginBottom: 16 }} />;
}
