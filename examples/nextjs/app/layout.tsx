import type { ReactNode } from 'react';

export const metadata = { title: 'fleetgate on Next.js' };

/** The root layout: no web fonts, nothing fetched from the network at build time. */
export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body style={{ fontFamily: 'system-ui, sans-serif', margin: '2rem' }}>{children}</body>
    </html>
  );
}
