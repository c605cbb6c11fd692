import { BookingForm } from './BookingForm';

export const metadata = { title: 'Book a rental' };

/** The booking page: the form validates and prices in the browser (fleetgate-wasm/booking), then posts. */
export default function BookPage() {
  return (
    <main>
      <h1>Book a rental</h1>
      <BookingForm />
    </main>
  );
}
