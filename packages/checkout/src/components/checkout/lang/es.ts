/** Spanish texts of the checkout book, one per line in the order of its keys (index.ts). */
export const es = `Pagar con tarjeta
Pagar {amount}
Pagar {amount} en {n} plazos
Cantidad
Un {name} más
Un {name} menos
Quitar {name}
Tu carrito está vacío.
Seguir comprando
Calculando…
Creando el pedido…
Hacia el banco…
No se ha podido calcular el total.
Reintentar
Todos los campos son obligatorios salvo los marcados como «opcional».
opcional
Correo electrónico
Dirección de facturación
Dirección de envío
Enviar a la dirección de facturación
Nombre
Apellidos
Dirección
Dirección (línea 2)
Código postal
Ciudad
País
Teléfono
Para el transportista, si es necesario.
Acepto las
condiciones de venta
Pago
En un solo pago
En {n} plazos
Método de envío
Código promocional
Aplicar
Quitar el código {code}
No disponible
Este campo es obligatorio.
Introduce un correo electrónico válido, por ejemplo nombre@ejemplo.es.
Código postal no válido ({country}: por ejemplo {example}).
Número no válido: de 6 a 15 cifras, con el prefijo (+32…) para otro país.
El texto contiene caracteres no admitidos.
Acepta las condiciones de venta para continuar.
No enviamos a este país.
Corrige {n} campo(s) para continuar:
Este código promocional no existe.
Este código promocional ha caducado.
Este código promocional aún no es válido.
Este código requiere un carrito de al menos {amount}.
Este código promocional ya no está disponible.
Este código no se aplica a este carrito.
No se ha realizado ningún cargo.
No se puede acceder al servicio de pago: comprueba tu conexión y vuelve a intentarlo.
El servicio de pago ha tenido un problema: vuelve a intentarlo en un momento.
«{name}» ya no está disponible: quítalo del carrito para continuar.
El precio ha cambiado: revisa el nuevo total antes de pagar.
Cantidad no válida: cámbiala para continuar.
No hay suficiente stock de «{name}»: reduce la cantidad para continuar.
Demasiados intentos: vuelve a intentarlo dentro de unos minutos.
El pago en línea no está disponible en este momento: contacta con la tienda.
Completa los campos indicados y vuelve a pagar.
Se ha producido un error: vuelve a intentarlo.
Luego {amount} al mes
Luego {amount} cada {n} meses`;
