import { useRef } from 'react';
import { Button, Space, Typography } from 'antd';
import { UploadOutlined } from '@ant-design/icons';

/** A file chooser with a Chinese button (the native control shows the browser's own words). */
export function FilePick({ label, accept, file, onFile, testId }: { label: string; accept: string; file: File | null; onFile(f: File | null): void; testId: string }) {
  const ref = useRef<HTMLInputElement>(null);
  return (
    <Space>
      <input ref={ref} type="file" accept={accept} hidden data-testid={testId} onChange={(e) => onFile(e.target.files?.[0] ?? null)} />
      <Button icon={<UploadOutlined />} onClick={() => ref.current?.click()}>
        {label}
      </Button>
      {file ? <Typography.Text>{file.name}</Typography.Text> : null}
    </Space>
  );
}
