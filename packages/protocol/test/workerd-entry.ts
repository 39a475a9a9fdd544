// Minimal worker so the pool can start workerd; the tests import the library directly.
export default {
  fetch(): Response {
    return new Response("ok");
  },
};
