/** Spanish texts, one per line in the order of `KEYS` (messages.ts). */
export const es = `Pagar con tarjeta
Total
Cantidad
Un {name} más
Un {name} menos
Quitar {name}
Carrito vacío.
Calculando…
Creando el pedido…
Hacia el banco…
Correo electrónico
Acepto las
condiciones de venta
Pago
En un solo pago
En {n} plazos
Dirección
Código postal
Ciudad
País
No disponible
Servicio inaccesible. Reinténtalo.
«{name}» ya no está disponible.
El precio ha cambiado.
Cantidad no válida.
Error. Reinténtalo.
Añadir al carrito
{n} artículo(s) en el carrito
Pago aceptado. ¡Gracias!
Pago rechazado.
Reintentar
Esperando al banco…
Aún en espera. Vuelve más tarde.
Pedido no confirmado. Contacta con la tienda.
Pedido no encontrado.
Referencia: {ref}
Luego {amount} al mes
Luego {amount} cada {n} meses
Pagado
Próximo
No cobrado`;
