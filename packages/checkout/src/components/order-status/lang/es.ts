/** Spanish texts of the status book, one per line in the order of its keys (index.ts). */
export const es = `Comprobando el pago…
Pago pendiente
Pago aceptado
Pago rechazado
Pago no completado
Pedido cancelado
Pedido reembolsado
Pago en revisión
Pedido no encontrado
No se puede comprobar
Estamos esperando la confirmación de tu banco; suele tardar unos segundos. Esta página se actualiza sola.
Tu banco aún no ha confirmado el pago. Si se completa, el pedido quedará confirmado: vuelve a esta página un poco más tarde.
¡Gracias! Tu pedido está confirmado: la tienda lo está preparando y te mantendrá informado.
Tu banco ha rechazado el pago: no se ha cobrado nada. Tu carrito se conserva; puedes volver a intentarlo, con otra tarjeta si hace falta.
El pago no se ha completado: no se ha cobrado nada. Tu carrito se conserva, puedes volver a intentarlo.
Si tu banco confirma un pago de todos modos, esta página lo mostrará.
El pago no se completó a tiempo: no se ha cobrado nada. Tu carrito se conserva, puedes volver a intentarlo.
La tienda ha cancelado este pedido: no se ha cobrado nada.
La tienda ha reembolsado este pedido en tu tarjeta.
La tienda debe revisar este pago: contacta con ella indicando la referencia del pedido.
No se encuentra este pedido: revisa el enlace o contacta con la tienda.
No se puede comprobar el pedido ahora: comprueba tu conexión y vuelve a intentarlo.
Reintentar el pago
Comprobar de nuevo
Referencia: {ref}
Pedido del {date}
Pagado el {date}
Resumen del pedido
Imprimir el recibo
Calendario de pagos
Pagado
Próximo
No cobrado`;
