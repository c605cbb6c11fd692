// Vector loaders of the booking, pricing and availability areas, shared by the napi, WASM-in-Node and
// WASM-in-Chromium runners (the two packages expose the same camelCase API). Data keys (request fields, rules,
// bookings, quotes) are the same snake_case words in every language; option names are camelCase in JS.

/** The field errors of a failed validation as [{loc, code}]; [] when the request is valid. */
function validationErrors(api, request, rules, now) {
  try {
    api.booking.validate(request, { rules, now });
  } catch (error) {
    if (error?.code !== 'validation_failed') throw error;
    if (!Array.isArray(error.errors)) throw new TypeError('a validation_failed error carries an errors array');
    return error.errors.map(({ loc, code }) => ({ loc, code }));
  }
  return [];
}

/** A rate card from a vector's {rules, currency?, list_price?, pricelist_rules?}. */
function rateCard(api, card) {
  return new api.pricing.RateCard(card.rules, {
    currency: card.currency,
    listPrice: card.list_price,
    pricelistRules: card.pricelist_rules,
  });
}

export const BOOKING_LOADERS = {
  booking(api, fn, [request, rules, now]) {
    if (fn === 'validate') return api.booking.validate(request, { rules, now });
    if (fn === 'validate_errors') return validationErrors(api, request, rules, now);
    throw new TypeError(`unknown booking function ${fn}`);
  },
  pricing(api, fn, args) {
    if (fn === 'quote' || fn === 'quote_total') {
      const [card, start, end, options] = args;
      const quote = rateCard(api, card).quote(start, end, options);
      return fn === 'quote' ? quote : quote.total_minor;
    }
    if (fn === 'late_fee') {
      const [planned, actual, o] = args;
      return api.pricing.lateFee(planned, actual, {
        extraHourly: o.extra_hourly,
        extraDaily: o.extra_daily,
        graceHours: o.grace_hours,
        variant: o.variant,
        currency: o.currency,
      });
    }
    throw new TypeError(`unknown pricing function ${fn}`);
  },
  availability(api, fn, args) {
    if (fn === 'Bookings') {
      // One prepared availability.Bookings, then every [method, args] query on it; a failing one is {error: code}.
      const [bookings, queries] = args;
      const index = new api.availability.Bookings(bookings);
      return queries.map(([method, queryArgs]) => {
        const name = method === 'free_units' ? 'freeUnits' : method;
        try {
          return index[name](...queryArgs);
        } catch (error) {
          if (typeof error?.code !== 'string') throw error;
          return { error: error.code };
        }
      });
    }
    const call = {
      unavailable: api.availability.unavailable,
      available: api.availability.available,
      timeline: api.availability.timeline,
      free_units: api.availability.freeUnits,
    }[fn];
    if (!call) throw new TypeError(`unknown availability function ${fn}`);
    return call(...args);
  },
};
