<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="es" sourcelanguage="en">
<context>
    <name>Sb::Crm::ContactSync</name>
    <message>
        <source>%1 refused where the sync stood twice in one run; try again later.</source>
        <translation>%1 rechazó dos veces en una misma ejecución el punto en que estaba la sincronización; inténtelo más tarde.</translation>
    </message>
</context>
<context>
    <name>Sb::Crm::LeadPush</name>
    <message>
        <source>%1 has neither an email nor a number: the CRM could not tell them from anyone else.</source>
        <translation>%1 no tiene correo ni número: el CRM no podría distinguirle de otras personas.</translation>
    </message>
</context>
<context>
    <name>Sb::Crypto::AesGcm</name>
    <message>
        <source>OpenSSL failed to %1</source>
        <translation>OpenSSL no pudo %1</translation>
    </message>
    <message>
        <source>An AES-256 key has 32 bytes</source>
        <translation>Una clave AES-256 tiene 32 bytes</translation>
    </message>
    <message>
        <source>The sealed secret is truncated</source>
        <translation>El secreto sellado está truncado</translation>
    </message>
    <message>
        <source>The sealed secret does not verify: it was altered, belongs to another record or tenant, or was sealed under another key</source>
        <translation>El secreto sellado no se verifica: fue alterado, pertenece a otro registro o a otra clínica, o se selló con otra clave</translation>
    </message>
</context>
<context>
    <name>Sb::Demo::DemoRecordings</name>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>No se puede escribir %1: %2</translation>
    </message>
</context>
<context>
    <name>Sb::Demo::DemoSeed</name>
    <message>
        <source>Cannot create the folder %1</source>
        <translation>No se puede crear la carpeta %1</translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>No se puede escribir %1: %2</translation>
    </message>
    <message>
        <source>This store has the demo clinic %1 already</source>
        <translation>Esta base de datos ya tiene la clínica de demostración %1</translation>
    </message>
    <message>
        <source>Front desk</source>
        <translation>Recepción</translation>
    </message>
    <message>
        <source>Ava, the assistant</source>
        <translation>Ava, la asistente</translation>
    </message>
    <message>
        <source>web form</source>
        <translation>formulario web</translation>
    </message>
    <message>
        <source>referral</source>
        <translation>recomendación</translation>
    </message>
    <message>
        <source>assistant call</source>
        <translation>llamada de la asistente</translation>
    </message>
</context>
<context>
    <name>Sb::Ingest::FormFields</name>
    <message>
        <source>Malformed form body: %1</source>
        <translation>Cuerpo de formulario mal formado: %1</translation>
    </message>
    <message>
        <source>empty</source>
        <translation>vacío</translation>
    </message>
    <message>
        <source>bytes outside printable ASCII</source>
        <translation>bytes fuera del ASCII imprimible</translation>
    </message>
    <message>
        <source>a field without a name</source>
        <translation>un campo sin nombre</translation>
    </message>
</context>
<context>
    <name>Sb::Ingest::QuarantineReplay</name>
    <message>
        <source>already placed in tenant %1</source>
        <translation>ya asignado a la clínica %1</translation>
    </message>
    <message>
        <source>routes to tenant %1, not the one asked for</source>
        <translation>se dirige a la clínica %1, no a la solicitada</translation>
    </message>
</context>
<context>
    <name>Sb::Ingest::SharedSecretWebhook</name>
    <message>
        <source>Cannot verify: %1</source>
        <translation>No se puede verificar: %1</translation>
    </message>
    <message>
        <source>%1 %2 (from %3)</source>
        <translation>%1 %2 (desde %3)</translation>
    </message>
    <message>
        <source>wrong</source>
        <translation>incorrecta</translation>
    </message>
    <message>
        <source>missing</source>
        <translation>ausente</translation>
    </message>
</context>
<context>
    <name>Sb::Ingest::Spool</name>
    <message>
        <source>Cannot open the spool %1: %2</source>
        <translation>No se puede abrir la cola en disco %1: %2</translation>
    </message>
    <message>
        <source>Cannot write the spool %1: %2</source>
        <translation>No se puede escribir la cola en disco %1: %2</translation>
    </message>
    <message>
        <source>Cannot read the spool %1</source>
        <translation>No se puede leer la cola en disco %1</translation>
    </message>
    <message>
        <source>Cannot rewrite the spool %1</source>
        <translation>No se puede reescribir la cola en disco %1</translation>
    </message>
</context>
<context>
    <name>Sb::Ingest::TenantResolver</name>
    <message>
        <source>No tenant owns Twilio account %1 or the numbers %2 / %3</source>
        <translation>Ninguna clínica tiene la cuenta de Twilio %1 ni los números %2 / %3</translation>
    </message>
    <message>
        <source>No tenant knows VAPI call %1 or the assistant number %2</source>
        <translation>Ninguna clínica conoce la llamada de VAPI %1 ni el número de la asistente %2</translation>
    </message>
    <message>
        <source>No tenant has a %1 connection for account %2</source>
        <translation>Ninguna clínica tiene una conexión %1 para la cuenta %2</translation>
    </message>
    <message>
        <source>Ambiguous routing: %1 matches several tenants</source>
        <translation>Enrutamiento ambiguo: %1 coincide con varias clínicas</translation>
    </message>
</context>
<context>
    <name>Sb::Ingest::WebhookDispatch</name>
    <message>
        <source>No webhook is served at %1</source>
        <translation>No se sirve ningún webhook en %1</translation>
    </message>
</context>
<context>
    <name>Sb::Ingest::WebhookHttpServer</name>
    <message>
        <source>Cannot listen on %1:%2: %3</source>
        <translation>No se puede escuchar en %1:%2: %3</translation>
    </message>
</context>
<context>
    <name>Sb::Net::HttpClient</name>
    <message>
        <source>cancelled</source>
        <translation>cancelado</translation>
    </message>
    <message>
        <source>%1 failed %2 times in a row; not calling it for %3 s</source>
        <translation>%1 falló %2 veces seguidas; no se le llamará durante %3 s</translation>
    </message>
    <message>
        <source>the answer is larger than %1 MB</source>
        <translation>la respuesta supera los %1 MB</translation>
    </message>
    <message>
        <source>no answer within %1 ms</source>
        <translation>sin respuesta en %1 ms</translation>
    </message>
    <message>
        <source>no secure connection to %1 (%2)</source>
        <translation>sin conexión segura con %1 (%2)</translation>
    </message>
    <message>
        <source>%1 (the provider asks to wait %2 s)</source>
        <translation>%1 (el proveedor pide esperar %2 s)</translation>
    </message>
    <message>
        <source>sent on too often, or to an address less safe: %1</source>
        <translation>redirigido demasiadas veces, o a una dirección menos segura: %1</translation>
    </message>
</context>
<context>
    <name>Sb::Numbering::PhoneNumberParser</name>
    <message>
        <source>The phone number is empty</source>
        <translation>El número de teléfono está vacío</translation>
    </message>
    <message>
        <source>unknown country code (add + and the country code, or set the default region; it is %1)</source>
        <translation>código de país desconocido (añada + y el código de país, o configure la región predeterminada; es %1)</translation>
    </message>
    <message>
        <source>not a phone number</source>
        <translation>no es un número de teléfono</translation>
    </message>
    <message>
        <source>too short</source>
        <translation>demasiado corto</translation>
    </message>
    <message>
        <source>too long</source>
        <translation>demasiado largo</translation>
    </message>
    <message>
        <source>no such number exists in the numbering plan of its country</source>
        <translation>ese número no existe en el plan de numeración de su país</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not a valid phone number: %2</source>
        <translation>&apos;%1&apos; no es un número de teléfono válido: %2</translation>
    </message>
</context>
<context>
    <name>Sb::OAuth::AccessTokens</name>
    <message>
        <source>%1 is not connected for this clinic.</source>
        <translation>%1 no está conectado para esta clínica.</translation>
    </message>
    <message>
        <source>%1 needs to be connected again: %2</source>
        <translation>Hay que volver a conectar %1: %2</translation>
    </message>
    <message>
        <source>Another Switchboard program has been refreshing the %1 connection for too long; try again in a minute.</source>
        <translation>Otro programa de Switchboard lleva demasiado tiempo renovando la conexión con %1; inténtelo de nuevo en un minuto.</translation>
    </message>
</context>
<context>
    <name>Sb::OAuth::AuthorizationFlow</name>
    <message>
        <source>The sign-in at %1 was not finished in the browser in time: nothing was connected. Start again when ready.</source>
        <translation>El inicio de sesión en %1 no se terminó a tiempo en el navegador: no se conectó nada. Empiece de nuevo cuando esté listo.</translation>
    </message>
    <message>
        <source>Port %1 on this computer is taken by another program, so the sign-in at %2 could not come back to Switchboard. Close that program, or register another redirect URI with %2 and give it here.</source>
        <translation>El puerto %1 de este equipo lo usa otro programa, así que el inicio de sesión en %2 no pudo volver a Switchboard. Cierre ese programa, o registre otra URI de redirección en %2 e indíquela aquí.</translation>
    </message>
    <message>
        <source>No browser could be opened for the sign-in at %1.</source>
        <translation>No se pudo abrir un navegador para iniciar sesión en %1.</translation>
    </message>
    <message>
        <source>The sign-in at %1 was cancelled: nothing was connected.</source>
        <translation>Se canceló el inicio de sesión en %1: no se conectó nada.</translation>
    </message>
    <message>
        <source>Access was declined at %1: nothing was connected.</source>
        <translation>Se denegó el acceso en %1: no se conectó nada.</translation>
    </message>
    <message>
        <source>%1 refused the sign-in: %2 (%3). Nothing was connected.</source>
        <translation>%1 rechazó el inicio de sesión: %2 (%3). No se conectó nada.</translation>
    </message>
    <message>
        <source>The answer that came back is not for this sign-in (its state differs: an old tab, or someone else&apos;s link). Nothing was connected; start again.</source>
        <translation>La respuesta recibida no corresponde a este inicio de sesión (su estado es distinto: una pestaña antigua o el enlace de otra persona). No se conectó nada; empiece de nuevo.</translation>
    </message>
    <message>
        <source>%1 came back without an authorization code. Nothing was connected.</source>
        <translation>%1 volvió sin código de autorización. No se conectó nada.</translation>
    </message>
    <message>
        <source>Switchboard received the sign-in at %1 and is finishing it.</source>
        <translation>Switchboard recibió el inicio de sesión en %1 y lo está terminando.</translation>
    </message>
    <message>
        <source>%1&apos;s token endpoint could not be reached: %2</source>
        <translation>No se pudo contactar con el servicio de tokens de %1: %2</translation>
    </message>
    <message>
        <source>You may close this tab.</source>
        <translation>Ya puede cerrar esta pestaña.</translation>
    </message>
</context>
<context>
    <name>Sb::OAuth::GrantVault</name>
    <message>
        <source>The sign-in gave no refresh token, so the connection would stop working within the hour: connect again (the app must ask for offline access).</source>
        <translation>El inicio de sesión no dio un token de renovación, así que la conexión dejaría de funcionar en menos de una hora: conecte de nuevo (la aplicación debe pedir acceso sin conexión).</translation>
    </message>
</context>
<context>
    <name>Sb::OAuth::LoopbackReplyHandler</name>
    <message>
        <source>The redirect URI must come back to this computer, as http://localhost:PORT/PATH or http://127.0.0.1:PORT/PATH, not &quot;%1&quot;.</source>
        <translation>La URI de redirección debe volver a este equipo, como http://localhost:PUERTO/RUTA o http://127.0.0.1:PUERTO/RUTA, no «%1».</translation>
    </message>
    <message>
        <source>The redirect URI needs a path (such as /callback): &quot;%1&quot;.</source>
        <translation>La URI de redirección necesita una ruta (como /callback): «%1».</translation>
    </message>
</context>
<context>
    <name>Sb::OAuth::OAuthApps</name>
    <message>
        <source>The app&apos;s client id is missing.</source>
        <translation>Falta el identificador de cliente de la aplicación.</translation>
    </message>
    <message>
        <source>The app&apos;s client secret is missing.</source>
        <translation>Falta el secreto de cliente de la aplicación.</translation>
    </message>
    <message>
        <source>the installation&apos;s shared app</source>
        <translation>la aplicación compartida de la instalación</translation>
    </message>
    <message>
        <source>the clinic&apos;s own app</source>
        <translation>la aplicación propia de la clínica</translation>
    </message>
    <message>
        <source>their own app</source>
        <translation>su propia aplicación</translation>
    </message>
</context>
<context>
    <name>Sb::OAuth::TokenResponse</name>
    <message>
        <source>%1&apos;s token endpoint answered HTTP %2 without the JSON it should send.</source>
        <translation>El servicio de tokens de %1 respondió HTTP %2 sin el JSON que debería enviar.</translation>
    </message>
    <message>
        <source>HTTP %1</source>
        <translation>HTTP %1</translation>
    </message>
    <message>
        <source>%1 refused the token request: %2.</source>
        <translation>%1 rechazó la solicitud de token: %2.</translation>
    </message>
    <message>
        <source>%1 refused the token request: %2 (%3).</source>
        <translation>%1 rechazó la solicitud de token: %2 (%3).</translation>
    </message>
    <message>
        <source>%1&apos;s token endpoint answered without an access token.</source>
        <translation>El servicio de tokens de %1 respondió sin un token de acceso.</translation>
    </message>
</context>
<context>
    <name>Sb::Providers::CrmPlatforms</name>
    <message>
        <source>&quot;%1&quot; is not an address.</source>
        <translation>&quot;%1&quot; no es una dirección.</translation>
    </message>
    <message>
        <source>There is no CRM called &quot;%1&quot;.</source>
        <translation>No hay ningún CRM llamado &quot;%1&quot;.</translation>
    </message>
    <message>
        <source>No way to refresh a %1 connection.</source>
        <translation>No hay forma de renovar una conexión con %1.</translation>
    </message>
</context>
<context>
    <name>Sb::Providers::HubSpot</name>
    <message>
        <source>HubSpot&apos;s app is no longer registered for this clinic: register it and connect again.</source>
        <translation>La aplicación de HubSpot ya no está registrada para esta clínica: regístrela y vuelva a conectar.</translation>
    </message>
</context>
<context>
    <name>Sb::Providers::RingCentral</name>
    <message>
        <source>RingCentral named a next page on another host (%1): not followed.</source>
        <translation>RingCentral indicó una página siguiente en otro servidor (%1): no se siguió.</translation>
    </message>
    <message>
        <source>The RingCentral app this account was connected with is gone: connect RingCentral again.</source>
        <translation>La aplicación de RingCentral con la que se conectó esta cuenta ya no existe: vuelva a conectar RingCentral.</translation>
    </message>
</context>
<context>
    <name>Sb::Providers::RingCentral::RingCentralAccount</name>
    <message>
        <source>RingCentral&apos;s answer to the text was not a message it keeps.</source>
        <translation>La respuesta de RingCentral al mensaje no era un mensaje que guarde.</translation>
    </message>
    <message>
        <source>RingCentral no longer keeps that text.</source>
        <translation>RingCentral ya no guarda ese mensaje.</translation>
    </message>
    <message>
        <source>RingCentral&apos;s message sync gave no sync token.</source>
        <translation>La sincronización de mensajes de RingCentral no dio un token de sincronización.</translation>
    </message>
</context>
<context>
    <name>Sb::Providers::RingCentral::RingCentralCallLogSync</name>
    <message>
        <source>This staff member has not connected RingCentral.</source>
        <translation>Este miembro del personal no ha conectado RingCentral.</translation>
    </message>
</context>
<context>
    <name>Sb::Providers::RingCentral::RingCentralMessenger</name>
    <message>
        <source>Connect your RingCentral line first (Connections).</source>
        <translation>Conecte primero su línea de RingCentral (Conexiones).</translation>
    </message>
    <message>
        <source>Choose which of your RingCentral numbers to text from (Connections).</source>
        <translation>Elija desde cuál de sus números de RingCentral enviar mensajes (Conexiones).</translation>
    </message>
</context>
<context>
    <name>Sb::Providers::RingCentral::RingCentralRingOut</name>
    <message>
        <source>Connect your RingCentral account first.</source>
        <translation>Primero conecte su cuenta de RingCentral.</translation>
    </message>
    <message>
        <source>Choose the number your calls show first (Connections, RingCentral): RingCentral rings you there, then the other person.</source>
        <translation>Primero elija el número que muestran sus llamadas (Conexiones, RingCentral): RingCentral le llama ahí y después a la otra persona.</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>Cancelada</translation>
    </message>
    <message>
        <source>Connected</source>
        <translation>Conectada</translation>
    </message>
    <message>
        <source>Calling…</source>
        <translation>Llamando…</translation>
    </message>
    <message>
        <source>Ringing your phone…</source>
        <translation>Sonando su teléfono…</translation>
    </message>
    <message>
        <source>No answer</source>
        <translation>Sin respuesta</translation>
    </message>
    <message>
        <source>Busy</source>
        <translation>Ocupado</translation>
    </message>
    <message>
        <source>Declined</source>
        <translation>Rechazada</translation>
    </message>
    <message>
        <source>Could not connect</source>
        <translation>No se pudo conectar</translation>
    </message>
</context>
<context>
    <name>Sb::Providers::RingCentral::RingCentralSignIn</name>
    <message>
        <source>No RingCentral app is set up: an administrator registers the installation&apos;s (switchboardctl ringcentral app set --shared) or the clinic&apos;s.</source>
        <translation>No hay ninguna aplicación de RingCentral configurada: un administrador registra la de la instalación (switchboardctl ringcentral aplicación set --shared) o la de la clínica.</translation>
    </message>
    <message>
        <source>RingCentral did not say which extension signed in: nothing was kept.</source>
        <translation>RingCentral no indicó qué extensión inició sesión: no se guardó nada.</translation>
    </message>
</context>
<context>
    <name>Sb::Providers::RingCentral::RingCentralSubscriptionKeeper</name>
    <message>
        <source>RingCentral delivers only to an https address: give serve&apos;s public URL.</source>
        <translation>RingCentral solo entrega a una dirección https: indique la URL pública de serve.</translation>
    </message>
    <message>
        <source>This staff member has not connected RingCentral.</source>
        <translation>Este miembro del personal no ha conectado RingCentral.</translation>
    </message>
    <message>
        <source>The clinic has no RingCentral verification token yet, and it could not be made here (%1). Connecting RingCentral in the console, or `switchboardctl ringcentral subscribe`, makes it.</source>
        <translation>La clínica aún no tiene token de verificación de RingCentral y no se pudo crear aquí (%1). Se crea al conectar RingCentral en la consola o con `switchboardctl ringcentral subscribe`.</translation>
    </message>
</context>
<context>
    <name>Sb::Providers::RingCentral::RingCentralTextSync</name>
    <message>
        <source>This staff member has not connected RingCentral.</source>
        <translation>Este miembro del personal no ha conectado RingCentral.</translation>
    </message>
</context>
<context>
    <name>Sb::Providers::RingCentral::RingCentralWebhook</name>
    <message>
        <source>Not a RingCentral notification: %1</source>
        <translation>No es una notificación de RingCentral: %1</translation>
    </message>
    <message>
        <source>no uuid or ownerId</source>
        <translation>sin uuid ni ownerId</translation>
    </message>
    <message>
        <source>RingCentral verification token</source>
        <translation>token de verificación de RingCentral</translation>
    </message>
</context>
<context>
    <name>Sb::Providers::Twilio::TwilioAccounts</name>
    <message>
        <source>This tenant is not connected to Twilio yet (switchboardctl twilio connect)</source>
        <translation>Esta clínica aún no está conectada a Twilio (switchboardctl twilio connect)</translation>
    </message>
    <message>
        <source>Twilio account %1 is not one of this tenant&apos;s</source>
        <translation>La cuenta de Twilio %1 no es de esta clínica</translation>
    </message>
</context>
<context>
    <name>Sb::Providers::Twilio::TwilioClient</name>
    <message>
        <source>Twilio did not accept the account SID and auth token. Check them, or whether the token was rotated.</source>
        <translation>Twilio no aceptó el SID de la cuenta y el token de autenticación. Revíselos, o compruebe si el token se cambió.</translation>
    </message>
    <message>
        <source>The number is not a valid phone number.</source>
        <translation>El número no es un número de teléfono válido.</translation>
    </message>
    <message>
        <source>This is a trial account: it can only send to verified numbers.</source>
        <translation>Es una cuenta de prueba: solo puede enviar a números verificados.</translation>
    </message>
    <message>
        <source>The recipient has opted out (replied STOP); Twilio will not deliver to them until they reply START.</source>
        <translation>El destinatario se dio de baja (respondió STOP); Twilio no le entregará mensajes hasta que responda START.</translation>
    </message>
    <message>
        <source>Outside WhatsApp&apos;s 24-hour window: only an approved template can start the conversation again.</source>
        <translation>Fuera de la ventana de 24 horas de WhatsApp: solo una plantilla aprobada puede reanudar la conversación.</translation>
    </message>
    <message>
        <source>The recipient&apos;s phone is unreachable or switched off.</source>
        <translation>El teléfono del destinatario no está disponible o está apagado.</translation>
    </message>
    <message>
        <source>The recipient&apos;s number does not exist or is no longer in service.</source>
        <translation>El número del destinatario no existe o ya no está en servicio.</translation>
    </message>
    <message>
        <source>The recipient&apos;s number cannot receive text messages (a landline?).</source>
        <translation>El número del destinatario no puede recibir mensajes de texto (¿un fijo?).</translation>
    </message>
    <message>
        <source>The carrier filtered the message as spam.</source>
        <translation>El operador filtró el mensaje como spam.</translation>
    </message>
</context>
<context>
    <name>Sb::Providers::Twilio::TwilioEventParser</name>
    <message>
        <source>The Twilio webhook lacks a valid %1</source>
        <translation>Al webhook de Twilio le falta un %1 válido</translation>
    </message>
</context>
<context>
    <name>Sb::Providers::Twilio::TwilioMessenger</name>
    <message>
        <source>The message was not sent: shutting down</source>
        <translation>El mensaje no se envió: el programa se está cerrando</translation>
    </message>
    <message>
        <source>%1 is not one of this tenant&apos;s Twilio numbers</source>
        <translation>%1 no es uno de los números de Twilio de esta clínica</translation>
    </message>
</context>
<context>
    <name>Sb::Providers::Twilio::TwilioNumbers</name>
    <message>
        <source>%1 is in subaccount %2 at Twilio but belongs to another tenant here; if it moved, remove it there first (switchboardctl number remove)</source>
        <translation>%1 está en la subcuenta %2 de Twilio pero aquí pertenece a otra clínica; si se ha movido, elimínelo primero allí (switchboardctl number remove)</translation>
    </message>
    <message>
        <source>Not synced: shutting down</source>
        <translation>No sincronizado: el programa se está cerrando</translation>
    </message>
    <message>
        <source>Not released: shutting down</source>
        <translation>No liberado: el programa se está cerrando</translation>
    </message>
    <message>
        <source>%1 is not one of this tenant&apos;s Twilio numbers</source>
        <translation>%1 no es uno de los números de Twilio de esta clínica</translation>
    </message>
</context>
<context>
    <name>Sb::Providers::Twilio::TwilioOnboarding</name>
    <message>
        <source>Not connected: shutting down</source>
        <translation>No conectado: el programa se está cerrando</translation>
    </message>
</context>
<context>
    <name>Sb::Providers::Twilio::TwilioWebhook</name>
    <message>
        <source>Cannot verify: %1</source>
        <translation>No se puede verificar: %1</translation>
    </message>
    <message>
        <source>%1 signature check failed against %2 (from %3)</source>
        <translation>La comprobación de la firma %1 falló contra %2 (desde %3)</translation>
    </message>
    <message>
        <source>missing</source>
        <translation>ausente</translation>
    </message>
    <message>
        <source>wrong</source>
        <translation>incorrecta</translation>
    </message>
    <message>
        <source>Signed with the auth token of tenant %1&apos;s Twilio account %2, but names account %3, which that tenant has not connected (matched by %4): connect it or register the number under it, then replay</source>
        <translation>Firmado con el token de autenticación de la cuenta de Twilio %2 de la clínica %1, pero nombra la cuenta %3, que esa clínica no ha conectado (coincidencia por %4): conéctela o registre el número en ella, y luego reprocese</translation>
    </message>
    <message>
        <source>Twilio account %1 is not connected to tenant %2 (matched by %3) and no token of that tenant verifies the request: connect the account, then replay</source>
        <translation>La cuenta de Twilio %1 no está conectada a la clínica %2 (coincidencia por %3) y ningún token de esa clínica verifica la solicitud: conecte la cuenta y luego reprocese</translation>
    </message>
</context>
<context>
    <name>Sb::Providers::Twilio::WhatsAppWindow</name>
    <message>
        <source>WhatsApp allows a free-form message only within 24 hours of the person&apos;s last message; outside that window only an approved template may be sent (Twilio error 63016). Free text is possible again once they write.</source>
        <translation>WhatsApp permite un mensaje libre solo en las 24 horas siguientes al último mensaje de la persona; fuera de esa ventana solo se puede enviar una plantilla aprobada (error 63016 de Twilio). Se podrá escribir libremente de nuevo en cuanto la persona escriba.</translation>
    </message>
    <message>
        <source>%1 h %2 min</source>
        <translation>%1 h %2 min</translation>
    </message>
    <message>
        <source>%1 min</source>
        <translation>%1 min</translation>
    </message>
    <message>
        <source>WhatsApp: you may write freely for %1 more (24 hours from their last message).</source>
        <translation>WhatsApp: puede escribir libremente durante %1 más (24 horas desde su último mensaje).</translation>
    </message>
</context>
<context>
    <name>Sb::Providers::Vapi::VapiAccounts</name>
    <message>
        <source>This tenant is not connected to VAPI yet (switchboardctl vapi connect)</source>
        <translation>Esta clínica aún no está conectada a VAPI (switchboardctl vapi connect)</translation>
    </message>
</context>
<context>
    <name>Sb::Providers::Vapi::VapiCaller</name>
    <message>
        <source>This tenant has no VAPI assistant number (switchboardctl vapi numbers --sync)</source>
        <translation>Esta clínica no tiene número de la asistente de VAPI (switchboardctl vapi numbers --sync)</translation>
    </message>
    <message>
        <source>%1 is not one of this tenant&apos;s VAPI assistant numbers</source>
        <translation>%1 no es uno de los números de la asistente de VAPI de esta clínica</translation>
    </message>
    <message>
        <source>Choose the assistant number to call from: %1</source>
        <translation>Elija el número de la asistente desde el que llamar: %1</translation>
    </message>
    <message>
        <source>The call was not placed: shutting down</source>
        <translation>La llamada no se realizó: el programa se está cerrando</translation>
    </message>
    <message>
        <source>Lead %1 has no phone number to call</source>
        <translation>El posible cliente %1 no tiene número de teléfono al que llamar</translation>
    </message>
</context>
<context>
    <name>Sb::Providers::Vapi::VapiWebhook</name>
    <message>
        <source>Not a VAPI server message: %1</source>
        <translation>No es un mensaje del servidor de VAPI: %1</translation>
    </message>
    <message>
        <source>no message type</source>
        <translation>sin tipo de mensaje</translation>
    </message>
    <message>
        <source>The VAPI message names no call</source>
        <translation>El mensaje de VAPI no nombra ninguna llamada</translation>
    </message>
    <message>
        <source>The call&apos;s metadata names tenant %1 but the call belongs to tenant %2</source>
        <translation>Los metadatos de la llamada nombran la clínica %1, pero la llamada pertenece a la clínica %2</translation>
    </message>
    <message>
        <source>VAPI secret</source>
        <translation>secreto de VAPI</translation>
    </message>
</context>
<context>
    <name>Sb::Providers::Zoho::ZohoContacts</name>
    <message>
        <source>The Zoho CRM connection names an API address that is not Zoho&apos;s (&quot;%1&quot;): connect again.</source>
        <translation>La conexión con Zoho CRM indica una dirección de API que no es de Zoho (&quot;%1&quot;): vuelva a conectar.</translation>
    </message>
    <message>
        <source>Zoho CRM answered a list without its records.</source>
        <translation>Zoho CRM respondió una lista sin sus registros.</translation>
    </message>
    <message>
        <source>Zoho CRM said more records follow but gave no way to them.</source>
        <translation>Zoho CRM indicó que hay más registros, pero no dio cómo llegar a ellos.</translation>
    </message>
    <message>
        <source>Zoho CRM did not create the contact: %1 (%2).</source>
        <translation>Zoho CRM no creó el contacto: %1 (%2).</translation>
    </message>
    <message>
        <source>HTTP %1</source>
        <translation>HTTP %1</translation>
    </message>
</context>
<context>
    <name>Sb::Providers::Zoho::ZohoDataCentres</name>
    <message>
        <source>&quot;%1&quot; is not a data centre and its address (eu=https://host:port).</source>
        <translation>&quot;%1&quot; no es un centro de datos con su dirección (eu=https://host:puerto).</translation>
    </message>
    <message>
        <source>No Zoho data centre was named.</source>
        <translation>No se indicó ningún centro de datos de Zoho.</translation>
    </message>
</context>
<context>
    <name>Sb::Providers::Zoho::ZohoPlatform</name>
    <message>
        <source>&quot;%1&quot; is not one of Zoho&apos;s data centres (%2).</source>
        <translation>&quot;%1&quot; no es uno de los centros de datos de Zoho (%2).</translation>
    </message>
    <message>
        <source>The sign-in came back naming an accounts server that is not one of Zoho&apos;s (%1): nothing was connected, and the app&apos;s secret was not sent there.</source>
        <translation>El inicio de sesión volvió indicando un servidor de cuentas que no es de Zoho (%1): no se conectó nada y el secreto de la aplicación no se envió allí.</translation>
    </message>
    <message>
        <source>Zoho&apos;s answer named no data centre Switchboard knows.</source>
        <translation>La respuesta de Zoho no indicó ningún centro de datos que Switchboard conozca.</translation>
    </message>
    <message>
        <source>Zoho granted access at an address that is not one of its own (api_domain &quot;%1&quot;): nothing was connected.</source>
        <translation>Zoho concedió acceso en una dirección que no es suya (api_domain &quot;%1&quot;): no se conectó nada.</translation>
    </message>
    <message>
        <source>Zoho CRM&apos;s app is no longer registered for this clinic: register it and connect again.</source>
        <translation>La aplicación de Zoho CRM ya no está registrada para esta clínica: regístrela y vuelva a conectar.</translation>
    </message>
    <message>
        <source>The Zoho CRM connection names a data centre Switchboard does not know: connect again.</source>
        <translation>La conexión con Zoho CRM indica un centro de datos que Switchboard no conoce: vuelva a conectar.</translation>
    </message>
    <message>
        <source>The connection names no data centre Switchboard knows.</source>
        <translation>La conexión no indica ningún centro de datos que Switchboard conozca.</translation>
    </message>
    <message>
        <source>Zoho refused to revoke the token: %1.</source>
        <translation>Zoho se negó a revocar el token: %1.</translation>
    </message>
</context>
<context>
    <name>Sb::Recordings::MediaFetcher</name>
    <message>
        <source>The recording is not available yet: it appears here once the provider has it ready.</source>
        <translation>La grabación aún no está disponible: aparecerá aquí cuando el proveedor la tenga lista.</translation>
    </message>
    <message>
        <source>The recording could not be fetched: %1</source>
        <translation>No se pudo obtener la grabación: %1</translation>
    </message>
    <message>
        <source>This call has no recording.</source>
        <translation>Esta llamada no tiene grabación.</translation>
    </message>
    <message>
        <source>The demo recording %1 is not on this computer: seed the demo again.</source>
        <translation>La grabación de demostración %1 no está en este equipo: vuelva a crear la demostración.</translation>
    </message>
    <message>
        <source>The recording&apos;s address is not one Switchboard fetches: %1</source>
        <translation>La dirección de la grabación no es una que Switchboard descargue: %1</translation>
    </message>
    <message>
        <source>The file is not at the provider (any more).</source>
        <translation>El archivo no está (ya) en el proveedor.</translation>
    </message>
    <message>
        <source>Twilio&apos;s recordings and files need the clinic&apos;s Twilio credentials, which wait for the vault: it is not open on this computer.</source>
        <translation>Las grabaciones y los archivos de Twilio necesitan las credenciales de Twilio de la clínica, que esperan a la bóveda: no está abierta en este equipo.</translation>
    </message>
    <message>
        <source>This recording is on a staff member&apos;s own RingCentral line: it plays once the vault is open, for the staff member whose line it is.</source>
        <translation>Esta grabación está en la línea de RingCentral propia de un miembro del personal: se reproduce cuando la bóveda está abierta, para el miembro del personal dueño de la línea.</translation>
    </message>
</context>
<context>
    <name>Sb::Recordings::RecordingCache</name>
    <message>
        <source>Cannot create the recordings folder %1</source>
        <translation>No se puede crear la carpeta de grabaciones %1</translation>
    </message>
    <message>
        <source>Cannot keep the recording in %1: %2</source>
        <translation>No se puede guardar la grabación en %1: %2</translation>
    </message>
    <message>
        <source>Cannot remove the recording %1</source>
        <translation>No se puede eliminar la grabación %1</translation>
    </message>
</context>
<context>
    <name>Sb::Store::CallNoteStore</name>
    <message>
        <source>A note needs some text</source>
        <translation>Una nota necesita algo de texto</translation>
    </message>
    <message>
        <source>A note is at most 20,000 characters</source>
        <translation>Una nota tiene como máximo 20.000 caracteres</translation>
    </message>
    <message>
        <source>No such call in this tenant</source>
        <translation>No existe esa llamada en esta clínica</translation>
    </message>
    <message>
        <source>No such note in this tenant</source>
        <translation>No existe esa nota en esta clínica</translation>
    </message>
    <message>
        <source>Only %1, who wrote this note, can change it</source>
        <translation>Solo %1, que escribió esta nota, puede cambiarla</translation>
    </message>
</context>
<context>
    <name>Sb::Store::CallStore</name>
    <message>
        <source>The call %1 is already in the log</source>
        <translation>La llamada %1 ya está en el registro</translation>
    </message>
    <message>
        <source>The call was not recorded</source>
        <translation>La llamada no se registró</translation>
    </message>
    <message>
        <source>The assistant&apos;s report was not recorded</source>
        <translation>El informe de la asistente no se registró</translation>
    </message>
    <message>
        <source>No such call in this tenant</source>
        <translation>No existe esa llamada en esta clínica</translation>
    </message>
</context>
<context>
    <name>Sb::Store::ChangeWatcher</name>
    <message>
        <source>Cannot listen for changes: %1</source>
        <translation>No se pueden escuchar los cambios: %1</translation>
    </message>
</context>
<context>
    <name>Sb::Store::Database</name>
    <message>
        <source>The Qt SQL driver %1 is not installed</source>
        <translation>El controlador SQL de Qt %1 no está instalado</translation>
    </message>
    <message>
        <source>There is no store at %1: check --db, or create one with switchboardctl db migrate --db sqlite:%1</source>
        <translation>No hay ninguna base de datos en %1: revise --db, o cree una con switchboardctl db migrate --db sqlite:%1</translation>
    </message>
    <message>
        <source>Cannot create the folder %1</source>
        <translation>No se puede crear la carpeta %1</translation>
    </message>
    <message>
        <source>Cannot open the database %1: %2</source>
        <translation>No se puede abrir la base de datos %1: %2</translation>
    </message>
</context>
<context>
    <name>Sb::Store::DatabaseUrl</name>
    <message>
        <source>sqlite: URL needs a file path</source>
        <translation>sqlite: la URL necesita una ruta de archivo</translation>
    </message>
    <message>
        <source>Unsupported database URL &apos;%1&apos;: use sqlite:PATH or postgresql://user@host:port/database</source>
        <translation>URL de base de datos no admitida &apos;%1&apos;: use sqlite:RUTA o postgresql://usuario@servidor:puerto/base</translation>
    </message>
    <message>
        <source>Database URLs must not carry a password; put it in ~/.pgpass (or PGPASSFILE) instead</source>
        <translation>Las URL de base de datos no deben llevar contraseña; póngala en ~/.pgpass (o PGPASSFILE)</translation>
    </message>
    <message>
        <source>PostgreSQL URL needs a database name</source>
        <translation>La URL de PostgreSQL necesita el nombre de una base de datos</translation>
    </message>
</context>
<context>
    <name>Sb::Store::EventLog</name>
    <message>
        <source>No event %1 in this tenant</source>
        <translation>No existe el evento %1 en esta clínica</translation>
    </message>
    <message>
        <source>No quarantined event %1</source>
        <translation>No existe el evento en cuarentena %1</translation>
    </message>
</context>
<context>
    <name>Sb::Store::LeadStore</name>
    <message>
        <source>A lead needs a name or a phone number.</source>
        <translation>Un posible cliente necesita un nombre o un número de teléfono.</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not a lead status (%2).</source>
        <translation>&apos;%1&apos; no es un estado de posible cliente (%2).</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not an email address.</source>
        <translation>&apos;%1&apos; no es una dirección de correo electrónico.</translation>
    </message>
    <message>
        <source>%1 is already the number of the lead &apos;%2&apos;.</source>
        <translation>%1 ya es el número del posible cliente &apos;%2&apos;.</translation>
    </message>
    <message>
        <source>No lead %1 in this tenant</source>
        <translation>No existe el posible cliente %1 en esta clínica</translation>
    </message>
</context>
<context>
    <name>Sb::Store::MessageStore</name>
    <message>
        <source>The message was not recorded</source>
        <translation>El mensaje no se registró</translation>
    </message>
</context>
<context>
    <name>Sb::Store::Migrator</name>
    <message>
        <source>Migration %1 (%2) failed at statement %3 (%4…): %5</source>
        <translation>La migración %1 (%2) falló en la instrucción %3 (%4…): %5</translation>
    </message>
    <message>
        <source>The database schema is version %1, newer than this program knows (%2); refusing to downgrade it. Update Switchboard.</source>
        <translation>El esquema de la base de datos es la versión %1, más nueva de lo que este programa conoce (%2); no se degradará. Actualice Switchboard.</translation>
    </message>
    <message>
        <source>The database schema is version %1, newer than this program knows (%2); refusing to use it. Update Switchboard.</source>
        <translation>El esquema de la base de datos es la versión %1, más nueva de lo que este programa conoce (%2); no se usará. Actualice Switchboard.</translation>
    </message>
    <message>
        <source>The database schema is version %1 but this program needs %2: run &apos;switchboardctl db migrate&apos; with an administrator&apos;s login</source>
        <translation>El esquema de la base de datos es la versión %1 pero este programa necesita la %2: ejecute &apos;switchboardctl db migrate&apos; con el usuario de un administrador</translation>
    </message>
</context>
<context>
    <name>Sb::Store::OAuthAppStore</name>
    <message>
        <source>The installation&apos;s app is not a tenant&apos;s.</source>
        <translation>La aplicación de la instalación no pertenece a una clínica.</translation>
    </message>
    <message>
        <source>A staff member&apos;s app needs the staff member.</source>
        <translation>La aplicación de un miembro del personal necesita saber de quién es.</translation>
    </message>
</context>
<context>
    <name>Sb::Store::OAuthGrantStore</name>
    <message>
        <source>The %1 connection changed while it was being refreshed (reconnected or removed): the refreshed tokens were not kept.</source>
        <translation>La conexión con %1 cambió mientras se renovaba (se volvió a conectar o se quitó): no se guardaron los tokens renovados.</translation>
    </message>
</context>
<context>
    <name>Sb::Store::PhoneNumberStore</name>
    <message>
        <source>%1 is already registered with %2</source>
        <translation>%1 ya está registrado con %2</translation>
    </message>
    <message>
        <source>%1 is not one of this tenant&apos;s numbers</source>
        <translation>%1 no es uno de los números de esta clínica</translation>
    </message>
    <message>
        <source>No such phone number in this tenant</source>
        <translation>No existe ese número de teléfono en esta clínica</translation>
    </message>
</context>
<context>
    <name>Sb::Store::RingCentralUserStore</name>
    <message>
        <source>A RingCentral sign-in needs the staff member and their extension.</source>
        <translation>Un inicio de sesión en RingCentral necesita al miembro del personal y su extensión.</translation>
    </message>
    <message>
        <source>That staff member has not connected RingCentral.</source>
        <translation>Ese miembro del personal no ha conectado RingCentral.</translation>
    </message>
    <message>
        <source>RingCentral extension %1 is already connected to Switchboard by someone else: that connection must be reset first.</source>
        <translation>La extensión %1 de RingCentral ya está conectada a Switchboard por otra persona: primero hay que restablecer esa conexión.</translation>
    </message>
</context>
<context>
    <name>Sb::Store::StaffStore</name>
    <message>
        <source>Staff name &apos;%1&apos; is not valid: use up to 63 lowercase letters, digits, &apos;_&apos;, &apos;.&apos; and &apos;-&apos;, starting with a letter</source>
        <translation>El nombre de empleado &apos;%1&apos; no es válido: use hasta 63 letras minúsculas, dígitos, &apos;_&apos;, &apos;.&apos; y &apos;-&apos;, empezando por una letra</translation>
    </message>
    <message>
        <source>No staff member &apos;%1&apos;</source>
        <translation>No existe el empleado &apos;%1&apos;</translation>
    </message>
    <message>
        <source>Staff logins exist only on PostgreSQL</source>
        <translation>Los usuarios de empleados solo existen en PostgreSQL</translation>
    </message>
    <message>
        <source>The password needs at least 12 characters</source>
        <translation>La contraseña necesita al menos 12 caracteres</translation>
    </message>
    <message>
        <source>Could not create the login &apos;%1&apos; (does this login have CREATEROLE?): %2</source>
        <translation>No se pudo crear el usuario &apos;%1&apos; (¿tiene este usuario CREATEROLE?): %2</translation>
    </message>
</context>
<context>
    <name>Sb::Store::TenantStore</name>
    <message>
        <source>Tenant name &apos;%1&apos; is not valid: use 1-64 lowercase letters, digits and dashes, with at least one letter</source>
        <translation>El nombre de clínica &apos;%1&apos; no es válido: use de 1 a 64 letras minúsculas, dígitos y guiones, con al menos una letra</translation>
    </message>
    <message>
        <source>A tenant named &apos;%1&apos; already exists</source>
        <translation>Ya existe una clínica llamada &apos;%1&apos;</translation>
    </message>
    <message>
        <source>No tenant &apos;%1&apos;</source>
        <translation>No existe la clínica &apos;%1&apos;</translation>
    </message>
</context>
<context>
    <name>Sb::Tenancy::StaffSession</name>
    <message>
        <source>No staff name to sign in with: start the console with --staff NAME</source>
        <translation>No hay nombre de empleado con el que entrar: inicie la consola con --staff NOMBRE</translation>
    </message>
    <message>
        <source>This PostgreSQL login is not a Switchboard staff account</source>
        <translation>Este usuario de PostgreSQL no es una cuenta de empleado de Switchboard</translation>
    </message>
    <message>
        <source>This PostgreSQL login belongs to &apos;%1&apos;, not &apos;%2&apos;</source>
        <translation>Este usuario de PostgreSQL pertenece a &apos;%1&apos;, no a &apos;%2&apos;</translation>
    </message>
    <message>
        <source>No staff account &apos;%1&apos; in this store. To get started: switchboardctl tenant add TENANT, then switchboardctl staff add %1 --tenant TENANT --role owner</source>
        <translation>No hay ninguna cuenta de empleado &apos;%1&apos; en esta base de datos. Para empezar: switchboardctl tenant add TENANT, y luego switchboardctl staff add %1 --tenant TENANT --role owner</translation>
    </message>
    <message>
        <source>%1 is not a member of tenant %2</source>
        <translation>%1 no es miembro de la clínica %2</translation>
    </message>
</context>
<context>
    <name>Sb::Ui::AboutBox</name>
    <message>
        <source>About</source>
        <translation>Acerca de</translation>
    </message>
    <message>
        <source>About Switchboard</source>
        <translation>Acerca de Switchboard</translation>
    </message>
    <message>
        <source>&lt;h3&gt;Switchboard %1&lt;/h3&gt;</source>
        <translation>&lt;h3&gt;Switchboard %1&lt;/h3&gt;</translation>
    </message>
    <message>
        <source>Phone lines, texts, leads and CRM connections for many clinics.&lt;br&gt;Qt %1.&lt;br&gt;&lt;br&gt;Installing, running the webhook server and sharing one store: /usr/share/doc/switchboard/install.md (Linux) or docs/install.md.</source>
        <translation>Líneas telefónicas, mensajes, posibles clientes y conexiones con CRM para muchas clínicas.&lt;br&gt;Qt %1.&lt;br&gt;&lt;br&gt;Instalación, el servidor de webhooks y un almacén compartido: /usr/share/doc/switchboard/install.md (Linux) o docs/install.md.</translation>
    </message>
</context>
<context>
    <name>Sb::Ui::ActivityCharts</name>
    <message>
        <source>Calls by outcome</source>
        <translation>Llamadas por resultado</translation>
    </message>
    <message>
        <source>Texts</source>
        <translation>Mensajes de texto</translation>
    </message>
    <message>
        <source>Leads made in the period</source>
        <translation>Posibles clientes del periodo</translation>
    </message>
    <message>
        <source>By the assistant</source>
        <translation>Por la asistente</translation>
    </message>
    <message>
        <source>Transferred</source>
        <translation>Transferidas</translation>
    </message>
    <message>
        <source>Answered</source>
        <translation>Atendidas</translation>
    </message>
    <message>
        <source>Missed</source>
        <translation>Perdidas</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>Otras</translation>
    </message>
    <message>
        <source>Received</source>
        <translation>Recibidos</translation>
    </message>
    <message>
        <source>Sent</source>
        <translation>Enviados</translation>
    </message>
    <message>
        <source>Leads</source>
        <translation>Posibles clientes</translation>
    </message>
    <message>
        <source>Booked</source>
        <translation>Con cita</translation>
    </message>
    <message>
        <source>Contacted</source>
        <translation>Contactados</translation>
    </message>
    <message>
        <source>Made</source>
        <translation>Nuevos</translation>
    </message>
    <message>
        <source>%1 calls: %2 by the assistant, %3 transferred, %4 answered, %5 missed</source>
        <translation>%1 llamadas: %2 por la asistente, %3 transferidas, %4 atendidas, %5 perdidas</translation>
    </message>
    <message>
        <source>%1 texts received, %2 sent</source>
        <translation>%1 mensajes recibidos, %2 enviados</translation>
    </message>
    <message>
        <source>%1 leads made, %2 contacted, %3 booked</source>
        <translation>%1 posibles clientes nuevos, %2 contactados, %3 con cita</translation>
    </message>
</context>
<context>
    <name>Sb::Ui::ActivityList</name>
    <message>
        <source>Double-click (or Enter) opens the call or the conversation</source>
        <translation>Doble clic (o Intro) abre la llamada o la conversación</translation>
    </message>
    <message>
        <source>No calls or messages with this number yet.</source>
        <translation>Aún no hay llamadas ni mensajes con este número.</translation>
    </message>
    <message>
        <source>No phone number: nothing to show.</source>
        <translation>Sin número de teléfono: nada que mostrar.</translation>
    </message>
    <message>
        <source>Call in</source>
        <translation>Llamada entrante</translation>
    </message>
    <message>
        <source>Call out</source>
        <translation>Llamada saliente</translation>
    </message>
    <message>
        <source>WhatsApp</source>
        <translation>WhatsApp</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>Mensaje</translation>
    </message>
    <message>
        <source>%1 in</source>
        <translation>%1 recibido</translation>
    </message>
    <message>
        <source>%1 out</source>
        <translation>%1 enviado</translation>
    </message>
</context>
<context>
    <name>Sb::Ui::Banner</name>
    <message>
        <source>Retry</source>
        <translation>Reintentar</translation>
    </message>
    <message>
        <source>Problem</source>
        <translation>Problema</translation>
    </message>
</context>
<context>
    <name>Sb::Ui::CallDeletion</name>
    <message>
        <source>Delete this call?</source>
        <translation>¿Eliminar esta llamada?</translation>
    </message>
    <message>
        <source>The call with %1 on %2 is deleted for everyone at %3, with its recording, transcript, summary and notes. This cannot be undone.</source>
        <translation>La llamada con %1 del %2 se elimina para todos en %3, con su grabación, transcripción, resumen y notas. No se puede deshacer.</translation>
    </message>
    <message>
        <source>Delete call</source>
        <translation>Eliminar llamada</translation>
    </message>
    <message>
        <source>The call was not deleted: %1</source>
        <translation>La llamada no se eliminó: %1</translation>
    </message>
</context>
<context>
    <name>Sb::Ui::CallDetailView</name>
    <message>
        <source>Transcript</source>
        <translation>Transcripción</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>Notas</translation>
    </message>
    <message>
        <source>Add note</source>
        <translation>Añadir nota</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
    <message>
        <source>Call</source>
        <translation>Llamada</translation>
    </message>
    <message>
        <source>When, how long and how it ended</source>
        <translation>Cuándo, cuánto duró y cómo terminó</translation>
    </message>
    <message>
        <source>The assistant&apos;s summary</source>
        <translation>El resumen de la asistente</translation>
    </message>
    <message>
        <source>Notes on this call</source>
        <translation>Notas de esta llamada</translation>
    </message>
    <message>
        <source>Double-click one of your notes (or press Enter on it) to change it</source>
        <translation>Haga doble clic en una de sus notas (o pulse Intro sobre ella) para cambiarla</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Nota</translation>
    </message>
    <message>
        <source>Add a note… (Ctrl+Enter)</source>
        <translation>Añadir una nota… (Ctrl+Intro)</translation>
    </message>
    <message>
        <source>Save the note</source>
        <translation>Guardar la nota</translation>
    </message>
    <message>
        <source>Delete call…</source>
        <translation>Eliminar llamada…</translation>
    </message>
    <message>
        <source>Delete this call</source>
        <translation>Eliminar esta llamada</translation>
    </message>
    <message>
        <source>Delete this call with its recording, transcript and notes (Delete)</source>
        <translation>Eliminar esta llamada con su grabación, transcripción y notas (Supr)</translation>
    </message>
    <message>
        <source>Choose a call to see what was said.</source>
        <translation>Elija una llamada para ver lo que se dijo.</translation>
    </message>
    <message>
        <source> (edited)</source>
        <translation> (editada)</translation>
    </message>
    <message>
        <source>Note by %1, %2: %3</source>
        <translation>Nota de %1, %2: %3</translation>
    </message>
    <message>
        <source>Notes (%1)</source>
        <translation>Notas (%1)</translation>
    </message>
    <message>
        <source>Save changes</source>
        <translation>Guardar los cambios</translation>
    </message>
    <message>
        <source>incoming on %1</source>
        <translation>entrante en %1</translation>
    </message>
    <message>
        <source>outgoing from %1</source>
        <translation>saliente desde %1</translation>
    </message>
    <message>
        <source>ended: %1</source>
        <translation>terminó: %1</translation>
    </message>
    <message>
        <source>&lt;b&gt;Summary:&lt;/b&gt; %1</source>
        <translation>&lt;b&gt;Resumen:&lt;/b&gt; %1</translation>
    </message>
    <message>
        <source>Assistant</source>
        <translation>Asistente</translation>
    </message>
    <message>
        <source>Caller</source>
        <translation>Llamante</translation>
    </message>
    <message>
        <source>%1 at %2: %3</source>
        <translation>%1 a los %2: %3</translation>
    </message>
    <message>
        <source>a staff member&apos;s RingCentral line</source>
        <translation>línea de RingCentral de un miembro del personal</translation>
    </message>
</context>
<context>
    <name>Sb::Ui::CallFilterBar</name>
    <message>
        <source>Search calls</source>
        <translation>Buscar llamadas</translation>
    </message>
    <message>
        <source>Search calls: a number in any format, or words from the summary or transcript (Ctrl+F)</source>
        <translation>Buscar llamadas: un número en cualquier formato, o palabras del resumen o la transcripción (Ctrl+F)</translation>
    </message>
    <message>
        <source>Since when</source>
        <translation>Desde cuándo</translation>
    </message>
    <message>
        <source>Any time</source>
        <translation>Cualquier fecha</translation>
    </message>
    <message>
        <source>Today</source>
        <translation>Hoy</translation>
    </message>
    <message>
        <source>Last 7 days</source>
        <translation>Últimos 7 días</translation>
    </message>
    <message>
        <source>Last 30 days</source>
        <translation>Últimos 30 días</translation>
    </message>
    <message>
        <source>Last 90 days</source>
        <translation>Últimos 90 días</translation>
    </message>
    <message>
        <source>Between dates…</source>
        <translation>Entre fechas…</translation>
    </message>
    <message>
        <source>First day</source>
        <translation>Primer día</translation>
    </message>
    <message>
        <source>Last day</source>
        <translation>Último día</translation>
    </message>
    <message>
        <source>Direction</source>
        <translation>Dirección</translation>
    </message>
    <message>
        <source>All directions</source>
        <translation>Todas las direcciones</translation>
    </message>
    <message>
        <source>Incoming</source>
        <translation>Entrantes</translation>
    </message>
    <message>
        <source>Outgoing</source>
        <translation>Salientes</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>Resultado</translation>
    </message>
    <message>
        <source>All outcomes</source>
        <translation>Todos los resultados</translation>
    </message>
    <message>
        <source>Assistant</source>
        <translation>Asistente</translation>
    </message>
    <message>
        <source>Transferred</source>
        <translation>Transferidas</translation>
    </message>
    <message>
        <source>Answered</source>
        <translation>Atendidas</translation>
    </message>
    <message>
        <source>Missed</source>
        <translation>Perdidas</translation>
    </message>
</context>
<context>
    <name>Sb::Ui::CallListModel</name>
    <message>
        <source>Answered</source>
        <translation>Atendidas</translation>
    </message>
    <message>
        <source>Assistant</source>
        <translation>Asistente</translation>
    </message>
    <message>
        <source>No answer</source>
        <translation>Sin respuesta</translation>
    </message>
    <message>
        <source>Busy</source>
        <translation>Ocupado</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Fallida</translation>
    </message>
    <message>
        <source>Hung up</source>
        <translation>Colgada</translation>
    </message>
    <message>
        <source>In progress</source>
        <translation>En curso</translation>
    </message>
    <message>
        <source>Ringing</source>
        <translation>Sonando</translation>
    </message>
    <message>
        <source>Incoming call</source>
        <translation>Llamada entrante</translation>
    </message>
    <message>
        <source>Outgoing call</source>
        <translation>Llamada saliente</translation>
    </message>
    <message>
        <source>Incoming</source>
        <translation>Entrantes</translation>
    </message>
    <message>
        <source>Outgoing</source>
        <translation>Salientes</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Hora</translation>
    </message>
    <message>
        <source>Who</source>
        <translation>Quién</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nombre</translation>
    </message>
    <message>
        <source>Line</source>
        <translation>Línea</translation>
    </message>
    <message>
        <source>Length</source>
        <translation>Duración</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>Resultado</translation>
    </message>
    <message>
        <source>Summary</source>
        <translation>Resumen</translation>
    </message>
    <message>
        <source>Transferred</source>
        <translation>Transferida</translation>
    </message>
</context>
<context>
    <name>Sb::Ui::CallReportNotifier</name>
    <message>
        <source>%1: a call report from %2</source>
        <translation>%1: un informe de llamada de %2</translation>
    </message>
</context>
<context>
    <name>Sb::Ui::CallsView</name>
    <message>
        <source>Calls</source>
        <translation>Llamadas</translation>
    </message>
    <message>
        <source>Could not load the calls: %1</source>
        <translation>No se pudieron cargar las llamadas: %1</translation>
    </message>
    <message>
        <source>Choose a call to see what was said.</source>
        <translation>Elija una llamada para ver lo que se dijo.</translation>
    </message>
    <message>
        <source>Loading the calls of %1…</source>
        <translation>Cargando las llamadas de %1…</translation>
    </message>
    <message>
        <source>No calls match these filters.</source>
        <translation>Ninguna llamada coincide con estos filtros.</translation>
    </message>
    <message>
        <source>No calls match “%1”.</source>
        <translation>Ninguna llamada coincide con «%1».</translation>
    </message>
    <message>
        <source>No calls yet for %1.

Calls appear here as they happen once the clinic&apos;s number points at Switchboard:
switchboardctl twilio connect --tenant TENANT --public-url https://your-server</source>
        <translation>Aún no hay llamadas de %1.

Las llamadas aparecen aquí según ocurren, una vez que el número de la clínica apunta a Switchboard:
switchboardctl twilio connect --tenant TENANT --public-url https://su-servidor</translation>
    </message>
    <message>
        <source>Could not load the call: %1</source>
        <translation>No se pudo cargar la llamada: %1</translation>
    </message>
    <message>
        <source>That call was deleted.</source>
        <translation>Esa llamada se eliminó.</translation>
    </message>
    <message>
        <source>Could not load the notes: %1</source>
        <translation>No se pudieron cargar las notas: %1</translation>
    </message>
    <message>
        <source>The note was not saved: %1</source>
        <translation>La nota no se guardó: %1</translation>
    </message>
    <message>
        <source>The note was not changed: %1</source>
        <translation>La nota no se cambió: %1</translation>
    </message>
    <message>
        <source>No recording yet: it appears here once the provider has it ready.</source>
        <translation>Aún no hay grabación: aparecerá aquí cuando el proveedor la tenga lista.</translation>
    </message>
    <message>
        <source>Recordings cannot be played in this window.</source>
        <translation>Las grabaciones no se pueden reproducir en esta ventana.</translation>
    </message>
</context>
<context>
    <name>Sb::Ui::ConnectionsView</name>
    <message>
        <source>Connections</source>
        <translation>Conexiones</translation>
    </message>
    <message>
        <source>Connections are not available in this window.</source>
        <translation>Las conexiones no están disponibles en esta ventana.</translation>
    </message>
    <message>
        <source>Could not read the connections: %1</source>
        <translation>No se pudieron leer las conexiones: %1</translation>
    </message>
    <message>
        <source>Save the clinic&apos;s app first.</source>
        <translation>Guarde primero la aplicación de la clínica.</translation>
    </message>
    <message>
        <source>Disconnect %1?</source>
        <translation>¿Desconectar %1?</translation>
    </message>
    <message>
        <source>Switchboard stops reading %1 for %2 and gives its access back. The contacts already here stay.</source>
        <translation>Switchboard deja de leer %1 para %2 y devuelve su acceso. Los contactos que ya están aquí se quedan.</translation>
    </message>
    <message>
        <source>The sync stopped: %1 The next one goes on from there.</source>
        <translation>La sincronización se detuvo: %1 La siguiente continúa desde ahí.</translation>
    </message>
    <message>
        <source>CRM connections</source>
        <translation>Conexiones con CRM</translation>
    </message>
    <message>
        <source>Disconnected here, but %1 could not be told (%2): remove the app in %1&apos;s settings too.</source>
        <translation>Desconectado aquí, pero no se pudo avisar a %1 (%2): quite también la aplicación en la configuración de %1.</translation>
    </message>
</context>
<context>
    <name>Sb::Ui::ContactListModel</name>
    <message>
        <source>(no name)</source>
        <translation>(sin nombre)</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nombre</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Teléfono</translation>
    </message>
    <message>
        <source>Email</source>
        <translation>Correo</translation>
    </message>
    <message>
        <source>In</source>
        <translation>En</translation>
    </message>
</context>
<context>
    <name>Sb::Ui::ContactsView</name>
    <message>
        <source>Search by name, number or email</source>
        <translation>Buscar por nombre, número o correo</translation>
    </message>
    <message>
        <source>Search contacts</source>
        <translation>Buscar contactos</translation>
    </message>
    <message>
        <source>Contacts</source>
        <translation>Contactos</translation>
    </message>
    <message>
        <source>Calls and messages with this contact</source>
        <translation>Llamadas y mensajes con este contacto</translation>
    </message>
    <message>
        <source>Calls and messages</source>
        <translation>Llamadas y mensajes</translation>
    </message>
    <message>
        <source>No contacts yet for %1.

On the Connections page an owner or admin connects the clinic&apos;s CRM; its contacts come in with a sync.</source>
        <translation>Aún no hay contactos para %1.

En la página Conexiones, un propietario o administrador conecta el CRM de la clínica; sus contactos llegan con una sincronización.</translation>
    </message>
    <message>
        <source>No contact matches &quot;%1&quot;.</source>
        <translation>Ningún contacto coincide con «%1».</translation>
    </message>
    <message>
        <source>Could not load the contacts: %1</source>
        <translation>No se pudieron cargar los contactos: %1</translation>
    </message>
    <message>
        <source>Loading the contacts of %1…</source>
        <translation>Cargando los contactos de %1…</translation>
    </message>
    <message>
        <source>%1 record %2</source>
        <translation>Registro %2 de %1</translation>
    </message>
    <message>
        <source>Open in %1</source>
        <translation>Abrir en %1</translation>
    </message>
    <message>
        <source>(no name)</source>
        <translation>(sin nombre)</translation>
    </message>
    <message>
        <source>Could not load the contact&apos;s calls and messages: %1</source>
        <translation>No se pudieron cargar las llamadas y mensajes del contacto: %1</translation>
    </message>
</context>
<context>
    <name>Sb::Ui::CrmCard</name>
    <message>
        <source>Connect…</source>
        <translation>Conectar…</translation>
    </message>
    <message>
        <source>Sync contacts now</source>
        <translation>Sincronizar contactos ahora</translation>
    </message>
    <message>
        <source>Disconnect…</source>
        <translation>Desconectar…</translation>
    </message>
    <message>
        <source>Save app</source>
        <translation>Guardar aplicación</translation>
    </message>
    <message>
        <source>Contacts synced</source>
        <translation>Contactos sincronizados</translation>
    </message>
    <message>
        <source>Connect %1</source>
        <translation>Conectar %1</translation>
    </message>
    <message>
        <source>Sync %1 contacts now</source>
        <translation>Sincronizar ahora los contactos de %1</translation>
    </message>
    <message>
        <source>Disconnect %1</source>
        <translation>Desconectar %1</translation>
    </message>
    <message>
        <source>%1 client id</source>
        <translation>Identificador de cliente de %1</translation>
    </message>
    <message>
        <source>%1 client secret</source>
        <translation>Secreto de cliente de %1</translation>
    </message>
    <message>
        <source>%1 redirect URI</source>
        <translation>URI de redirección de %1</translation>
    </message>
    <message>
        <source>Scopes to request</source>
        <translation>Permisos que pedir</translation>
    </message>
    <message>
        <source>The clinic&apos;s own app at %1. Register the redirect URI below in the app&apos;s settings, with these scopes.</source>
        <translation>La aplicación propia de la clínica en %1. Registre en la configuración de la aplicación la URI de redirección de abajo, con estos permisos.</translation>
    </message>
    <message>
        <source>Client id</source>
        <translation>Identificador de cliente</translation>
    </message>
    <message>
        <source>Client secret</source>
        <translation>Secreto de cliente</translation>
    </message>
    <message>
        <source>Redirect URI</source>
        <translation>URI de redirección</translation>
    </message>
    <message>
        <source>Scopes</source>
        <translation>Permisos</translation>
    </message>
    <message>
        <source>Connected</source>
        <translation>Conectado</translation>
    </message>
    <message>
        <source>Needs reconnecting</source>
        <translation>Hay que volver a conectar</translation>
    </message>
    <message>
        <source>Not connected</source>
        <translation>Sin conectar</translation>
    </message>
    <message>
        <source>Not set up</source>
        <translation>Sin configurar</translation>
    </message>
    <message>
        <source>Connect to bring the clinic&apos;s contacts in.</source>
        <translation>Conecte para traer los contactos de la clínica.</translation>
    </message>
    <message>
        <source>An owner or admin first saves the clinic&apos;s own %1 app below.</source>
        <translation>Primero, un propietario o administrador guarda abajo la aplicación propia de la clínica en %1.</translation>
    </message>
    <message>
        <source>A sync stopped at %1 of about %2 contacts: the next one goes on from there.</source>
        <translation>Una sincronización se detuvo en %1 de unos %2 contactos: la siguiente continúa desde ahí.</translation>
    </message>
    <message>
        <source>Reconnect…</source>
        <translation>Volver a conectar…</translation>
    </message>
    <message>
        <source>Kept in the vault; type to replace it</source>
        <translation>Guardado en la bóveda; escriba para sustituirlo</translation>
    </message>
    <message>
        <source>Signing in…</source>
        <translation>Iniciando sesión…</translation>
    </message>
    <message>
        <source>Finish signing in to %1 in your browser; Switchboard is waiting for it.</source>
        <translation>Termine de iniciar sesión en %1 en su navegador; Switchboard lo está esperando.</translation>
    </message>
    <message>
        <source>Cancel sign-in</source>
        <translation>Cancelar inicio de sesión</translation>
    </message>
    <message>
        <source>Syncing changes: %1 read</source>
        <translation>Sincronizando cambios: %1 leídos</translation>
    </message>
    <message>
        <source>Syncing: %1 of about %2 contacts</source>
        <translation>Sincronizando: %1 de unos %2 contactos</translation>
    </message>
    <message>
        <source>, about %1 s left</source>
        <translation>, quedan unos %1 s</translation>
    </message>
    <message>
        <source>Portal %1, connected by %2 (%3).</source>
        <translation>Portal %1, conectado por %2 (%3).</translation>
    </message>
    <message>
        <source>Connected by %1 (%2).</source>
        <translation>Conectado por %1 (%2).</translation>
    </message>
    <message>
        <source>United States (zoho.com)</source>
        <translation>Estados Unidos (zoho.com)</translation>
    </message>
    <message>
        <source>Europe (zoho.eu)</source>
        <translation>Europa (zoho.eu)</translation>
    </message>
    <message>
        <source>India (zoho.in)</source>
        <translation>India (zoho.in)</translation>
    </message>
    <message>
        <source>Australia (zoho.com.au)</source>
        <translation>Australia (zoho.com.au)</translation>
    </message>
    <message>
        <source>Japan (zoho.jp)</source>
        <translation>Japón (zoho.jp)</translation>
    </message>
    <message>
        <source>Canada (zohocloud.ca)</source>
        <translation>Canadá (zohocloud.ca)</translation>
    </message>
    <message>
        <source>Saudi Arabia (zoho.sa)</source>
        <translation>Arabia Saudí (zoho.sa)</translation>
    </message>
    <message>
        <source>China (zoho.com.cn)</source>
        <translation>China (zoho.com.cn)</translation>
    </message>
    <message>
        <source>%1 data centre</source>
        <translation>Centro de datos de %1</translation>
    </message>
    <message>
        <source>Where the clinic&apos;s %1 account is: the address you sign in at ends with it (zoho.eu: Europe).</source>
        <translation>Dónde está la cuenta de %1 de la clínica: la dirección donde inicia sesión termina así (zoho.eu: Europa).</translation>
    </message>
    <message>
        <source>Data centre</source>
        <translation>Centro de datos</translation>
    </message>
    <message>
        <source>%1 data centre, connected by %2 (%3).</source>
        <translation>Centro de datos: %1; conectado por %2 (%3).</translation>
    </message>
    <message>
        <source>Another Switchboard program is syncing changes: %1 read</source>
        <translation>Otro programa de Switchboard está sincronizando cambios: %1 leídos</translation>
    </message>
    <message>
        <source>Another Switchboard program is syncing: %1 of about %2 contacts</source>
        <translation>Otro programa de Switchboard está sincronizando: %1 de unos %2 contactos</translation>
    </message>
    <message>
        <source>Rate-limited: %1 asked Switchboard to slow down; it goes on in %2 s.</source>
        <translation>Límite de peticiones: %1 pidió a Switchboard que vaya más despacio; sigue en %2 s.</translation>
    </message>
    <message>
        <source>%1 is not answering: Switchboard stopped calling it and tries again in %2 s.</source>
        <translation>%1 no responde: Switchboard dejó de llamarlo y lo intentará de nuevo en %2 s.</translation>
    </message>
    <message>
        <source>%1 contacts from %2; last synced %3.</source>
        <translation>%1 contactos de %2; última sincronización: %3.</translation>
    </message>
</context>
<context>
    <name>Sb::Ui::DashboardView</name>
    <message>
        <source>Today</source>
        <translation>Hoy</translation>
    </message>
    <message>
        <source>7 days</source>
        <translation>7 días</translation>
    </message>
    <message>
        <source>30 days</source>
        <translation>30 días</translation>
    </message>
    <message>
        <source>Show %1</source>
        <translation>Mostrar %1</translation>
    </message>
    <message>
        <source>Calls</source>
        <translation>Llamadas</translation>
    </message>
    <message>
        <source>Answered by the assistant</source>
        <translation>Atendidas por la asistente</translation>
    </message>
    <message>
        <source>Transferred to staff</source>
        <translation>Transferidas al personal</translation>
    </message>
    <message>
        <source>Missed</source>
        <translation>Perdidas</translation>
    </message>
    <message>
        <source>Quarantined requests</source>
        <translation>Solicitudes en cuarentena</translation>
    </message>
    <message>
        <source>Texts received</source>
        <translation>Mensajes recibidos</translation>
    </message>
    <message>
        <source>Texts sent</source>
        <translation>Mensajes enviados</translation>
    </message>
    <message>
        <source>New leads</source>
        <translation>Posibles clientes nuevos</translation>
    </message>
    <message>
        <source>Leads contacted</source>
        <translation>Posibles clientes contactados</translation>
    </message>
    <message>
        <source>Dashboard</source>
        <translation>Panel</translation>
    </message>
    <message>
        <source>Could not sum up the clinic&apos;s activity: %1</source>
        <translation>No se pudo resumir la actividad de la clínica: %1</translation>
    </message>
    <message>
        <source>yesterday by this time</source>
        <translation>ayer a esta hora</translation>
    </message>
    <message>
        <source>the 7 days before</source>
        <translation>los 7 días anteriores</translation>
    </message>
    <message>
        <source>the 30 days before</source>
        <translation>los 30 días anteriores</translation>
    </message>
    <message>
        <source>every clinic&apos;s; see Events</source>
        <translation>de todas las clínicas; vea Eventos</translation>
    </message>
    <message>
        <source>Nothing yet in this period or the one before. Calls, texts and leads appear here as they arrive: point the clinic&apos;s number at Switchboard (switchboardctl twilio connect …).</source>
        <translation>Aún nada en este periodo ni en el anterior. Las llamadas, los mensajes y los posibles clientes aparecen aquí según llegan: apunte el número de la clínica a Switchboard (switchboardctl twilio connect …).</translation>
    </message>
    <message>
        <source>Since %1, compared with %2 · updated %3, and as calls and texts arrive</source>
        <translation>Desde %1, comparado con %2 · actualizado a las %3, y según llegan llamadas y mensajes</translation>
    </message>
    <message>
        <source>midnight</source>
        <translation>medianoche</translation>
    </message>
    <message>
        <source>dddd d MMMM</source>
        <translation>dddd d &apos;de&apos; MMMM</translation>
    </message>
</context>
<context>
    <name>Sb::Ui::DeskPhoneCall</name>
    <message>
        <source>Call from my desk phone</source>
        <translation>Llamar desde mi teléfono de escritorio</translation>
    </message>
    <message>
        <source>RingCentral rings your own phone first, then this number, showing the number your calls show.</source>
        <translation>RingCentral llama primero a su propio teléfono y después a este número, mostrando el número que muestran sus llamadas.</translation>
    </message>
    <message>
        <source>Waiting for the vault to open.</source>
        <translation>Esperando a que se abra la bóveda.</translation>
    </message>
    <message>
        <source>Cancel call</source>
        <translation>Cancelar llamada</translation>
    </message>
    <message>
        <source>Asking RingCentral…</source>
        <translation>Pidiéndolo a RingCentral…</translation>
    </message>
</context>
<context>
    <name>Sb::Ui::DesktopNotifier</name>
    <message>
        <source>Switchboard</source>
        <translation>Switchboard</translation>
    </message>
    <message>
        <source>Notify of reports and texts</source>
        <translation>Avisar de informes y mensajes</translation>
    </message>
    <message>
        <source>Say when the assistant has reported on a call, or a patient has written, while Switchboard is in the background</source>
        <translation>Avisar cuando la asistente haya informado de una llamada, o un paciente haya escrito, mientras Switchboard está en segundo plano</translation>
    </message>
</context>
<context>
    <name>Sb::Ui::EventsView</name>
    <message>
        <source>When</source>
        <translation>Cuándo</translation>
    </message>
    <message>
        <source>Provider</source>
        <translation>Proveedor</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Tipo</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>Resultado</translation>
    </message>
    <message>
        <source>Provider&apos;s id</source>
        <translation>Id. del proveedor</translation>
    </message>
    <message>
        <source>Webhook log</source>
        <translation>Registro de webhooks</translation>
    </message>
    <message>
        <source>Quarantine: requests no clinic could be given</source>
        <translation>Cuarentena: solicitudes que no se pudieron asignar a ninguna clínica</translation>
    </message>
    <message>
        <source>Endpoint</source>
        <translation>Punto de acceso</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Motivo</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Estado</translation>
    </message>
    <message>
        <source>Quarantine</source>
        <translation>Cuarentena</translation>
    </message>
    <message>
        <source>Replay</source>
        <translation>Reprocesar</translation>
    </message>
    <message>
        <source>Filter the webhook log</source>
        <translation>Filtrar el registro de webhooks</translation>
    </message>
    <message>
        <source>Filter by provider, type or id</source>
        <translation>Filtrar por proveedor, tipo o id.</translation>
    </message>
    <message>
        <source>Choose a request to see what it carried and its headers</source>
        <translation>Elija una solicitud para ver lo que traía y sus encabezados</translation>
    </message>
    <message>
        <source>The quarantined request, secrets taken out</source>
        <translation>La solicitud en cuarentena, sin secretos</translation>
    </message>
    <message>
        <source>Replay the chosen request</source>
        <translation>Reprocesar la solicitud elegida</translation>
    </message>
    <message>
        <source>Judge it again as a live request: stored in the clinic it now routes to, or kept with the new reason</source>
        <translation>Juzgarla de nuevo como una solicitud en vivo: se guarda en la clínica a la que ahora se dirige, o se conserva con el nuevo motivo</translation>
    </message>
    <message>
        <source>What the replay did</source>
        <translation>Lo que hizo el reprocesamiento</translation>
    </message>
    <message>
        <source>Events</source>
        <translation>Eventos</translation>
    </message>
    <message>
        <source>Could not load the webhook log: %1</source>
        <translation>No se pudo cargar el registro de webhooks: %1</translation>
    </message>
    <message>
        <source>stored</source>
        <translation>guardado</translation>
    </message>
    <message>
        <source>Webhook log: nothing stored for %1 yet. Calls, texts and reports appear here as `switchboardctl serve` stores what the providers send.</source>
        <translation>Registro de webhooks: aún no hay nada guardado para %1. Las llamadas, los mensajes y los informes aparecen aquí cuando `switchboardctl serve` guarda lo que envían los proveedores.</translation>
    </message>
    <message numerus="yes">
        <source>Webhook log: the newest %n stored for %1</source>
        <translation>
            <numerusform>Registro de webhooks: el más reciente guardado para %1</numerusform>
            <numerusform>Registro de webhooks: los %n más recientes guardados para %1</numerusform>
        </translation>
    </message>
    <message>
        <source>replayed into %1</source>
        <translation>reprocesado en %1</translation>
    </message>
    <message>
        <source>waiting</source>
        <translation>en espera</translation>
    </message>
    <message>
        <source>Quarantine (every clinic&apos;s): nothing waiting</source>
        <translation>Cuarentena (de todas las clínicas): nada en espera</translation>
    </message>
    <message>
        <source>clinic %1</source>
        <translation>clínica %1</translation>
    </message>
    <message>
        <source>Replay waits for the vault: %1</source>
        <translation>El reprocesamiento espera a la bóveda: %1</translation>
    </message>
    <message>
        <source>Replaying…</source>
        <translation>Reprocesando…</translation>
    </message>
    <message>
        <source>Not replayed: %1</source>
        <translation>No reprocesado: %1</translation>
    </message>
    <message>
        <source>Placed in %1.</source>
        <translation>Asignado a %1.</translation>
    </message>
    <message>
        <source>Stays in quarantine: %1</source>
        <translation>Sigue en cuarentena: %1</translation>
    </message>
    <message>
        <source>Quarantine (every clinic&apos;s): one request no clinic could be given, waiting</source>
        <translation>Cuarentena (de todas las clínicas): una solicitud que no se pudo asignar a ninguna clínica, en espera</translation>
    </message>
    <message numerus="yes">
        <source>Quarantine (every clinic&apos;s): %n requests no clinic could be given, waiting</source>
        <translation>
            <numerusform>Cuarentena (de todas las clínicas): %n solicitud que no se pudo asignar a ninguna clínica, en espera</numerusform>
            <numerusform>Cuarentena (de todas las clínicas): %n solicitudes que no se pudieron asignar a ninguna clínica, en espera</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Sb::Ui::FigureCard</name>
    <message>
        <source>same as %1</source>
        <translation>igual que %1</translation>
    </message>
    <message>
        <source>▲ none in %1</source>
        <translation>▲ ninguno en %1</translation>
    </message>
    <message>
        <source>▲ %1% on %2</source>
        <translation>▲ %1 % respecto a %2</translation>
    </message>
    <message>
        <source>▼ %1% on %2</source>
        <translation>▼ %1 % respecto a %2</translation>
    </message>
</context>
<context>
    <name>Sb::Ui::Language</name>
    <message>
        <source>As the system (%1)</source>
        <translation>Como el sistema (%1)</translation>
    </message>
    <message>
        <source>Switchboard speaks %1 from its next start.</source>
        <translation>Switchboard hablará %1 desde el próximo inicio.</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Idioma</translation>
    </message>
    <message>
        <source>The console&apos;s language</source>
        <translation>El idioma de la consola</translation>
    </message>
</context>
<context>
    <name>Sb::Ui::LeadDetailView</name>
    <message>
        <source>Save</source>
        <translation>Guardar</translation>
    </message>
    <message>
        <source>Call with the assistant</source>
        <translation>Llamar con la asistente</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>Mensaje</translation>
    </message>
    <message>
        <source>Calls and messages</source>
        <translation>Llamadas y mensajes</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nombre</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Teléfono</translation>
    </message>
    <message>
        <source>In any format, e.g. (617) 555-0143</source>
        <translation>En cualquier formato, p. ej. (617) 555-0143</translation>
    </message>
    <message>
        <source>Email</source>
        <translation>Correo electrónico</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Estado</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>Origen</translation>
    </message>
    <message>
        <source>Web form, referral, campaign…</source>
        <translation>Formulario web, recomendación, campaña…</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>Notas</translation>
    </message>
    <message>
        <source>Why the lead was not saved</source>
        <translation>Por qué no se guardó el posible cliente</translation>
    </message>
    <message>
        <source>Save the lead</source>
        <translation>Guardar el posible cliente</translation>
    </message>
    <message>
        <source>Save (Ctrl+S)</source>
        <translation>Guardar (Ctrl+S)</translation>
    </message>
    <message>
        <source>Call this lead with the assistant</source>
        <translation>Hacer que la asistente llame a este posible cliente</translation>
    </message>
    <message>
        <source>Text this lead</source>
        <translation>Enviar un mensaje a este posible cliente</translation>
    </message>
    <message>
        <source>Calls and messages with this lead</source>
        <translation>Llamadas y mensajes con este posible cliente</translation>
    </message>
    <message>
        <source>&amp;Name</source>
        <translation>&amp;Nombre</translation>
    </message>
    <message>
        <source>&amp;Phone</source>
        <translation>&amp;Teléfono</translation>
    </message>
    <message>
        <source>&amp;Email</source>
        <translation>&amp;Correo electrónico</translation>
    </message>
    <message>
        <source>S&amp;tatus</source>
        <translation>&amp;Estado</translation>
    </message>
    <message>
        <source>S&amp;ource</source>
        <translation>&amp;Origen</translation>
    </message>
    <message>
        <source>N&amp;otes</source>
        <translation>N&amp;otas</translation>
    </message>
    <message>
        <source>Lead without a name</source>
        <translation>Posible cliente sin nombre</translation>
    </message>
    <message>
        <source>New lead</source>
        <translation>Nuevo posible cliente</translation>
    </message>
    <message>
        <source>The lead has no phone number.</source>
        <translation>El posible cliente no tiene número de teléfono.</translation>
    </message>
    <message>
        <source>In %1</source>
        <translation>En %1</translation>
    </message>
    <message>
        <source>Push to %1</source>
        <translation>Enviar a %1</translation>
    </message>
    <message>
        <source>This lead is in %1</source>
        <translation>Este posible cliente está en %1</translation>
    </message>
    <message>
        <source>Push this lead to %1</source>
        <translation>Enviar este posible cliente a %1</translation>
    </message>
    <message>
        <source>%1 record %2</source>
        <translation>Registro %2 de %1</translation>
    </message>
    <message>
        <source>Makes the lead a contact in %1, once.</source>
        <translation>Crea el contacto en %1, una sola vez.</translation>
    </message>
</context>
<context>
    <name>Sb::Ui::LeadListModel</name>
    <message>
        <source>New</source>
        <translation>Nuevo</translation>
    </message>
    <message>
        <source>Contacted</source>
        <translation>Contactados</translation>
    </message>
    <message>
        <source>Booked</source>
        <translation>Con cita</translation>
    </message>
    <message>
        <source>Lost</source>
        <translation>Perdido</translation>
    </message>
    <message>
        <source>(no name)</source>
        <translation>(sin nombre)</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nombre</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Teléfono</translation>
    </message>
    <message>
        <source>Email</source>
        <translation>Correo electrónico</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Estado</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>Origen</translation>
    </message>
    <message>
        <source>Added</source>
        <translation>Añadido</translation>
    </message>
</context>
<context>
    <name>Sb::Ui::LeadsView</name>
    <message>
        <source>New lead</source>
        <translation>Nuevo posible cliente</translation>
    </message>
    <message>
        <source>Search leads</source>
        <translation>Buscar posibles clientes</translation>
    </message>
    <message>
        <source>Search leads: a name, a number in any format, or an email (Ctrl+F)</source>
        <translation>Buscar posibles clientes: un nombre, un número en cualquier formato o un correo electrónico (Ctrl+F)</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Estado</translation>
    </message>
    <message>
        <source>Any status</source>
        <translation>Cualquier estado</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>Origen</translation>
    </message>
    <message>
        <source>Any source</source>
        <translation>Cualquier origen</translation>
    </message>
    <message>
        <source>New lead (Ctrl+N)</source>
        <translation>Nuevo posible cliente (Ctrl+N)</translation>
    </message>
    <message>
        <source>Leads</source>
        <translation>Posibles clientes</translation>
    </message>
    <message>
        <source>Could not load the leads: %1</source>
        <translation>No se pudieron cargar los posibles clientes: %1</translation>
    </message>
    <message>
        <source>Asking the assistant to call…</source>
        <translation>Pidiendo a la asistente que llame…</translation>
    </message>
    <message>
        <source>The assistant did not call: %1</source>
        <translation>La asistente no llamó: %1</translation>
    </message>
    <message>
        <source>The assistant is calling %1 from %2 (%3).</source>
        <translation>La asistente está llamando a %1 desde %2 (%3).</translation>
    </message>
    <message>
        <source>Could not load the lead&apos;s calls and messages: %1</source>
        <translation>No se pudieron cargar las llamadas y los mensajes del posible cliente: %1</translation>
    </message>
    <message>
        <source>Not from this window.</source>
        <translation>No desde esta ventana.</translation>
    </message>
    <message>
        <source>Waits for the vault: %1</source>
        <translation>Espera a la bóveda: %1</translation>
    </message>
    <message>
        <source>Not pushed: %1</source>
        <translation>No se envió: %1</translation>
    </message>
    <message>
        <source>Pushing to %1…</source>
        <translation>Enviando a %1…</translation>
    </message>
    <message>
        <source>Already in %1 (record %2).</source>
        <translation>Ya está en %1 (registro %2).</translation>
    </message>
    <message>
        <source>Pushed to %1 (record %2).</source>
        <translation>Enviado a %1 (registro %2).</translation>
    </message>
</context>
<context>
    <name>Sb::Ui::MainWindow</name>
    <message>
        <source>Switchboard</source>
        <translation>Switchboard</translation>
    </message>
    <message>
        <source>Tenant</source>
        <translation>Clínica</translation>
    </message>
    <message>
        <source>Tenant colour</source>
        <translation>Color de la clínica</translation>
    </message>
    <message>
        <source>The clinic whose calls and messages are shown</source>
        <translation>La clínica cuyas llamadas y mensajes se muestran</translation>
    </message>
    <message>
        <source>Loading</source>
        <translation>Cargando</translation>
    </message>
    <message>
        <source>Vault status</source>
        <translation>Estado de la bóveda</translation>
    </message>
    <message>
        <source>Opening the store…</source>
        <translation>Abriendo la base de datos…</translation>
    </message>
    <message>
        <source>Making the demo clinic…</source>
        <translation>Creando la clínica de demostración…</translation>
    </message>
    <message>
        <source>The demo could not be made: %1</source>
        <translation>No se pudo crear la demostración: %1</translation>
    </message>
    <message>
        <source>This server needs the password of your staff login.</source>
        <translation>Este servidor necesita la contraseña de su usuario de empleado.</translation>
    </message>
    <message>
        <source>The password was not accepted: %1</source>
        <translation>La contraseña no fue aceptada: %1</translation>
    </message>
    <message>
        <source>The password is kept in this computer&apos;s keychain</source>
        <translation>La contraseña se guarda en el llavero de este equipo</translation>
    </message>
    <message>
        <source>The password could not be kept: %1</source>
        <translation>No se pudo guardar la contraseña: %1</translation>
    </message>
    <message>
        <source>Signed in as %1 · %2</source>
        <translation>Sesión de %1 · %2</translation>
    </message>
    <message>
        <source>%1 is not a member of any tenant yet. An administrator can add one with: switchboardctl staff add %1 --tenant TENANT --role staff</source>
        <translation>%1 aún no es miembro de ninguna clínica. Un administrador puede añadirle con: switchboardctl staff add %1 --tenant TENANT --role staff</translation>
    </message>
    <message>
        <source>The store cannot be reached (%1). Reconnecting…</source>
        <translation>No se puede acceder a la base de datos (%1). Reconectando…</translation>
    </message>
    <message>
        <source>Connected to the store again</source>
        <translation>Conectado de nuevo a la base de datos</translation>
    </message>
    <message>
        <source>Navigation</source>
        <translation>Navegación</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>Vault: opening…</source>
        <translation>Bóveda: abriéndose…</translation>
    </message>
    <message>
        <source>Vault: ready</source>
        <translation>Bóveda: lista</translation>
    </message>
    <message>
        <source>Vault: not set up</source>
        <translation>Bóveda: sin configurar</translation>
    </message>
    <message>
        <source>An administrator sets it up with: switchboardctl vault init</source>
        <translation>Un administrador la configura con: switchboardctl vault init</translation>
    </message>
    <message>
        <source>Vault: unavailable</source>
        <translation>Bóveda: no disponible</translation>
    </message>
    <message>
        <source>%1 — Switchboard</source>
        <translation>%1 — Switchboard</translation>
    </message>
</context>
<context>
    <name>Sb::Ui::MessageNotifier</name>
    <message>
        <source>WhatsApp</source>
        <translation>WhatsApp</translation>
    </message>
    <message>
        <source>a text</source>
        <translation>un mensaje</translation>
    </message>
    <message>
        <source>%1: %2 from %3</source>
        <translation>%1: %2 de %3</translation>
    </message>
</context>
<context>
    <name>Sb::Ui::MessagesView</name>
    <message>
        <source>Conversations</source>
        <translation>Conversaciones</translation>
    </message>
    <message>
        <source>Could not load the conversations: %1</source>
        <translation>No se pudieron cargar las conversaciones: %1</translation>
    </message>
    <message>
        <source>No messages yet for %1.

Texts to and from the clinic&apos;s number appear here as they happen.</source>
        <translation>Aún no hay mensajes de %1.

Los mensajes enviados y recibidos por el número de la clínica aparecen aquí según ocurren.</translation>
    </message>
    <message>
        <source>Messages</source>
        <translation>Mensajes</translation>
    </message>
    <message>
        <source>Choose a conversation.</source>
        <translation>Elija una conversación.</translation>
    </message>
    <message>
        <source>Loading the conversations of %1…</source>
        <translation>Cargando las conversaciones de %1…</translation>
    </message>
    <message>
        <source>Could not read the clinic&apos;s numbers: %1</source>
        <translation>No se pudieron leer los números de la clínica: %1</translation>
    </message>
    <message>
        <source>Checking WhatsApp&apos;s 24-hour window…</source>
        <translation>Comprobando la ventana de 24 horas de WhatsApp…</translation>
    </message>
    <message>
        <source>Messages cannot be sent from this window.</source>
        <translation>No se pueden enviar mensajes desde esta ventana.</translation>
    </message>
    <message>
        <source>Messages cannot be sent yet. %1</source>
        <translation>Aún no se pueden enviar mensajes. %1</translation>
    </message>
    <message>
        <source>This conversation has no number of the clinic to send from.</source>
        <translation>Esta conversación no tiene ningún número de la clínica desde el que enviar.</translation>
    </message>
    <message>
        <source>The message was not sent: %1</source>
        <translation>El mensaje no se envió: %1</translation>
    </message>
    <message>
        <source>Could not load the conversation: %1</source>
        <translation>No se pudo cargar la conversación: %1</translation>
    </message>
    <message>
        <source>Not from this window.</source>
        <translation>No desde esta ventana.</translation>
    </message>
    <message>
        <source>From the clinic&apos;s number</source>
        <translation>Desde el número de la clínica</translation>
    </message>
    <message>
        <source>From my RingCentral number</source>
        <translation>Desde mi número de RingCentral</translation>
    </message>
    <message>
        <source>This conversation is on a colleague&apos;s own RingCentral line: only they can reply.</source>
        <translation>Esta conversación está en la línea de RingCentral de un compañero: solo esa persona puede responder.</translation>
    </message>
    <message>
        <source>Connect your RingCentral line to reply (Connections).</source>
        <translation>Conecte su línea de RingCentral para responder (Conexiones).</translation>
    </message>
    <message>
        <source>Choose which of your RingCentral numbers to text from (Connections).</source>
        <translation>Elija desde cuál de sus números de RingCentral enviar mensajes (Conexiones).</translation>
    </message>
    <message>
        <source>your RingCentral line</source>
        <translation>su línea de RingCentral</translation>
    </message>
</context>
<context>
    <name>Sb::Ui::NumbersView</name>
    <message>
        <source>Phone numbers</source>
        <translation>Números de teléfono</translation>
    </message>
    <message>
        <source>Numbers</source>
        <translation>Números</translation>
    </message>
    <message>
        <source>Loading the numbers of %1…</source>
        <translation>Cargando los números de %1…</translation>
    </message>
    <message>
        <source>Could not load the numbers: %1</source>
        <translation>No se pudieron cargar los números: %1</translation>
    </message>
    <message>
        <source>The numbers of %1 could not be loaded.</source>
        <translation>No se pudieron cargar los números de %1.</translation>
    </message>
    <message>
        <source>%1 has no phone numbers yet.
Add one with: switchboardctl number add NUMBER --tenant TENANT --provider twilio --purpose clinic</source>
        <translation>%1 aún no tiene números de teléfono.
Añada uno con: switchboardctl number add NUMBER --tenant TENANT --provider twilio --purpose clinic</translation>
    </message>
    <message>
        <source>Not checked: %1</source>
        <translation>Sin comprobar: %1</translation>
    </message>
    <message>
        <source>Not checked from this window</source>
        <translation>Sin comprobar desde esta ventana</translation>
    </message>
    <message>
        <source>Checking with Twilio…</source>
        <translation>Comprobando con Twilio…</translation>
    </message>
    <message>
        <source>Not at Twilio</source>
        <translation>No está en Twilio</translation>
    </message>
    <message>
        <source>texts go to %1</source>
        <translation>los mensajes van a %1</translation>
    </message>
    <message>
        <source>nowhere</source>
        <translation>ninguna parte</translation>
    </message>
    <message>
        <source>calls go to %1</source>
        <translation>las llamadas van a %1</translation>
    </message>
    <message>
        <source>✓ %1</source>
        <translation>✓ %1</translation>
    </message>
    <message>
        <source>✗ %1, not %2 (switchboardctl twilio connect sets them)</source>
        <translation>✗ %1, no %2 (switchboardctl twilio connect los configura)</translation>
    </message>
</context>
<context>
    <name>Sb::Ui::PhoneNumberModel</name>
    <message>
        <source>— (Twilio&apos;s numbers are checked)</source>
        <translation>— (se comprueban los números de Twilio)</translation>
    </message>
    <message>
        <source>Number</source>
        <translation>Número</translation>
    </message>
    <message>
        <source>Provider</source>
        <translation>Proveedor</translation>
    </message>
    <message>
        <source>Purpose</source>
        <translation>Uso</translation>
    </message>
    <message>
        <source>Account</source>
        <translation>Cuenta</translation>
    </message>
    <message>
        <source>Label</source>
        <translation>Etiqueta</translation>
    </message>
    <message>
        <source>Webhooks</source>
        <translation>Webhooks</translation>
    </message>
</context>
<context>
    <name>Sb::Ui::ProviderAccess</name>
    <message>
        <source>The vault is opening on this computer…</source>
        <translation>La bóveda se está abriendo en este equipo…</translation>
    </message>
    <message>
        <source>This store has no vault yet, so no provider credentials: an administrator sets it up with switchboardctl vault init.</source>
        <translation>Esta base de datos aún no tiene bóveda, así que no hay credenciales de proveedores: un administrador la configura con switchboardctl vault init.</translation>
    </message>
    <message>
        <source>The vault cannot be opened on this computer: %1</source>
        <translation>La bóveda no se puede abrir en este equipo: %1</translation>
    </message>
</context>
<context>
    <name>Sb::Ui::RecordingPlayer</name>
    <message>
        <source>Play or pause the recording (Space)</source>
        <translation>Reproducir o pausar la grabación (Espacio)</translation>
    </message>
    <message>
        <source>Play or pause (Space); Left and Right seek 5 seconds</source>
        <translation>Reproducir o pausar (Espacio); Izquierda y Derecha avanzan o retroceden 5 segundos</translation>
    </message>
    <message>
        <source>Position in the recording</source>
        <translation>Posición en la grabación</translation>
    </message>
    <message>
        <source>Position and length of the recording</source>
        <translation>Posición y duración de la grabación</translation>
    </message>
    <message>
        <source>Playback speed</source>
        <translation>Velocidad de reproducción</translation>
    </message>
    <message>
        <source>Recording</source>
        <translation>Grabación</translation>
    </message>
    <message>
        <source>The recording cannot be played: %1</source>
        <translation>La grabación no se puede reproducir: %1</translation>
    </message>
    <message>
        <source>Fetching the recording…</source>
        <translation>Obteniendo la grabación…</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>Pausa</translation>
    </message>
    <message>
        <source>Play</source>
        <translation>Reproducir</translation>
    </message>
</context>
<context>
    <name>Sb::Ui::RingCentralCard</name>
    <message>
        <source>Needs reconnecting</source>
        <translation>Hay que volver a conectar</translation>
    </message>
    <message>
        <source>Connected</source>
        <translation>Conectado</translation>
    </message>
    <message>
        <source>RingCentral: your phone line</source>
        <translation>RingCentral: su línea telefónica</translation>
    </message>
    <message>
        <source>Connect my RingCentral…</source>
        <translation>Conectar mi RingCentral…</translation>
    </message>
    <message>
        <source>Reset my connection…</source>
        <translation>Restablecer mi conexión…</translation>
    </message>
    <message>
        <source>Use these numbers</source>
        <translation>Usar estos números</translation>
    </message>
    <message>
        <source>Reset the selected connection…</source>
        <translation>Restablecer la conexión seleccionada…</translation>
    </message>
    <message>
        <source>Connect my RingCentral account</source>
        <translation>Conectar mi cuenta de RingCentral</translation>
    </message>
    <message>
        <source>Reset my RingCentral connection</source>
        <translation>Restablecer mi conexión con RingCentral</translation>
    </message>
    <message>
        <source>Number I text from</source>
        <translation>Número desde el que envío mensajes</translation>
    </message>
    <message>
        <source>Number my calls show</source>
        <translation>Número que muestran mis llamadas</translation>
    </message>
    <message>
        <source>Text from</source>
        <translation>Mensajes desde</translation>
    </message>
    <message>
        <source>Calls show</source>
        <translation>Las llamadas muestran</translation>
    </message>
    <message>
        <source>Staff member</source>
        <translation>Miembro del personal</translation>
    </message>
    <message>
        <source>RingCentral user</source>
        <translation>Usuario de RingCentral</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Estado</translation>
    </message>
    <message>
        <source>Texts from</source>
        <translation>Mensajes desde</translation>
    </message>
    <message>
        <source>Colleagues&apos; RingCentral connections</source>
        <translation>Conexiones de RingCentral de los compañeros</translation>
    </message>
    <message>
        <source>Your colleagues&apos; RingCentral connections</source>
        <translation>Las conexiones de RingCentral de sus compañeros</translation>
    </message>
    <message>
        <source>Signs in with %1 (client id %2).</source>
        <translation>Inicia sesión con %1 (id de cliente %2).</translation>
    </message>
    <message>
        <source>Connected as %1 (extension %2)</source>
        <translation>Conectado como %1 (extensión %2)</translation>
    </message>
    <message>
        <source>Reconnect…</source>
        <translation>Volver a conectar…</translation>
    </message>
    <message>
        <source>Not connected</source>
        <translation>Sin conectar</translation>
    </message>
    <message>
        <source>Connect your own RingCentral account to text and call from your numbers.</source>
        <translation>Conecte su propia cuenta de RingCentral para enviar mensajes y llamar desde sus números.</translation>
    </message>
    <message>
        <source>Not set up</source>
        <translation>Sin configurar</translation>
    </message>
    <message>
        <source>No RingCentral app is set up yet: an administrator registers one (switchboardctl ringcentral app set).</source>
        <translation>Aún no hay ninguna aplicación de RingCentral configurada: un administrador registra una (switchboardctl ringcentral aplicación set).</translation>
    </message>
    <message>
        <source>%1 (ext. %2)</source>
        <translation>%1 (ext. %2)</translation>
    </message>
    <message>
        <source>not chosen</source>
        <translation>sin elegir</translation>
    </message>
    <message>
        <source>Signing in…</source>
        <translation>Iniciando sesión…</translation>
    </message>
    <message>
        <source>Finish signing in to RingCentral in your browser, as yourself.</source>
        <translation>Termine de iniciar sesión en RingCentral en su navegador, con su propio usuario.</translation>
    </message>
    <message>
        <source>Cancel sign-in</source>
        <translation>Cancelar inicio de sesión</translation>
    </message>
    <message>
        <source>Choose a number</source>
        <translation>Elija un número</translation>
    </message>
    <message>
        <source>Your RingCentral extension has no numbers that can text or be shown to callers.</source>
        <translation>Su extensión de RingCentral no tiene números que puedan enviar mensajes ni mostrarse a quien recibe la llamada.</translation>
    </message>
    <message>
        <source>None of your numbers can send texts.</source>
        <translation>Ninguno de sus números puede enviar mensajes.</translation>
    </message>
    <message>
        <source>Rate-limited: RingCentral asked Switchboard to slow down for you; it goes on in %1 s.</source>
        <translation>Límite de peticiones: RingCentral pidió a Switchboard que vaya más despacio con usted; sigue en %1 s.</translation>
    </message>
    <message>
        <source>RingCentral is not answering for you: Switchboard stopped calling it and tries again in %1 s.</source>
        <translation>RingCentral no responde para usted: Switchboard dejó de llamarlo y lo vuelve a intentar en %1 s.</translation>
    </message>
    <message>
        <source>Bring in my calls</source>
        <translation>Traer mis llamadas</translation>
    </message>
    <message>
        <source>Bring in my RingCentral calls</source>
        <translation>Traer mis llamadas de RingCentral</translation>
    </message>
    <message>
        <source>Your RingCentral calls are not here yet: bring them in.</source>
        <translation>Sus llamadas de RingCentral aún no están aquí: tráigalas.</translation>
    </message>
    <message>
        <source>Bringing in your calls: %1 read, %2 new…</source>
        <translation>Trayendo sus llamadas: %1 leídas, %2 nuevas…</translation>
    </message>
    <message>
        <source>Your calls are in: %1 read, 1 new.</source>
        <translation>Sus llamadas ya están: %1 leídas, 1 nueva.</translation>
    </message>
    <message>
        <source>Your calls are in: %1 read, %2 new.</source>
        <translation>Sus llamadas ya están: %1 leídas, %2 nuevas.</translation>
    </message>
    <message>
        <source>Your RingCentral call log into the clinic&apos;s calls: the last 30 days the first time, then what is new.</source>
        <translation>Su registro de llamadas de RingCentral en las llamadas de la clínica: los últimos 30 días la primera vez, después lo nuevo.</translation>
    </message>
    <message>
        <source>Connected since %1.</source>
        <translation>Conectado desde %1.</translation>
    </message>
    <message>
        <source>Calls last brought in: %1.</source>
        <translation>Llamadas traídas por última vez: %1.</translation>
    </message>
</context>
<context>
    <name>Sb::Ui::RingCentralSection</name>
    <message>
        <source>Could not read the RingCentral connection: %1</source>
        <translation>No se pudo leer la conexión con RingCentral: %1</translation>
    </message>
    <message>
        <source>Could not read your numbers from RingCentral: %1</source>
        <translation>No se pudieron leer sus números de RingCentral: %1</translation>
    </message>
    <message>
        <source>Could not keep your numbers: %1</source>
        <translation>No se pudieron guardar sus números: %1</translation>
    </message>
    <message>
        <source>Reset your RingCentral connection?</source>
        <translation>¿Restablecer su conexión con RingCentral?</translation>
    </message>
    <message>
        <source>Switchboard gives your RingCentral access back and forgets the numbers you chose. Your calls and messages already here stay. Connect again whenever you like.</source>
        <translation>Switchboard devuelve su acceso a RingCentral y olvida los números que eligió. Sus llamadas y mensajes que ya están aquí se quedan. Vuelva a conectar cuando quiera.</translation>
    </message>
    <message>
        <source>Reset %1&apos;s RingCentral connection?</source>
        <translation>¿Restablecer la conexión con RingCentral de %1?</translation>
    </message>
    <message>
        <source>Switchboard stops using %1&apos;s RingCentral account and forgets the numbers they chose; they can connect again themselves.</source>
        <translation>Switchboard deja de usar la cuenta de RingCentral de %1 y olvida los números que eligió; puede volver a conectarla por su cuenta.</translation>
    </message>
    <message>
        <source>Could not reset the connection: %1</source>
        <translation>No se pudo restablecer la conexión: %1</translation>
    </message>
    <message>
        <source>Could not bring in all your calls: %1. What was read is kept; the next try goes on from there.</source>
        <translation>No se pudieron traer todas sus llamadas: %1. Lo leído se guarda; el próximo intento sigue desde ahí.</translation>
    </message>
</context>
<context>
    <name>Sb::Ui::SignInView</name>
    <message>
        <source>Keep the password in this computer&apos;s keychain</source>
        <translation>Guardar la contraseña en el llavero de este equipo</translation>
    </message>
    <message>
        <source>Sign in</source>
        <translation>Entrar</translation>
    </message>
    <message>
        <source>Sign in to %1</source>
        <translation>Entrar en %1</translation>
    </message>
    <message>
        <source>Staff login</source>
        <translation>Usuario de empleado</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Contraseña</translation>
    </message>
    <message>
        <source>Keep the password in the keychain</source>
        <translation>Guardar la contraseña en el llavero</translation>
    </message>
    <message>
        <source>Staff login:</source>
        <translation>Usuario de empleado:</translation>
    </message>
    <message>
        <source>Password:</source>
        <translation>Contraseña:</translation>
    </message>
</context>
<context>
    <name>Sb::Ui::ThreadListModel</name>
    <message>
        <source>WhatsApp</source>
        <translation>WhatsApp</translation>
    </message>
    <message>
        <source>SMS</source>
        <translation>SMS</translation>
    </message>
    <message numerus="yes">
        <source>%n new</source>
        <translation>
            <numerusform>%n nuevo</numerusform>
            <numerusform>%n nuevos</numerusform>
        </translation>
    </message>
    <message>
        <source>You: </source>
        <translation>Usted: </translation>
    </message>
    <message>
        <source>%1 on %2, last at %3: %4</source>
        <translation>%1 por %2, el último a las %3: %4</translation>
    </message>
    <message>
        <source>Picture</source>
        <translation>Imagen</translation>
    </message>
    <message>
        <source>Attachment</source>
        <translation>Archivo adjunto</translation>
    </message>
    <message numerus="yes">
        <source>%n pictures</source>
        <translation>
            <numerusform>%n imagen</numerusform>
            <numerusform>%n imágenes</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n attachments</source>
        <translation>
            <numerusform>%n archivo adjunto</numerusform>
            <numerusform>%n archivos adjuntos</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 (%2), one message</source>
        <translation>%1 (%2), un mensaje</translation>
    </message>
    <message numerus="yes">
        <source>%1 (%2), %n messages</source>
        <translation>
            <numerusform>%1 (%2), %n mensaje</numerusform>
            <numerusform>%1 (%2), %n mensajes</numerusform>
        </translation>
    </message>
    <message>
        <source>SMS, my line</source>
        <translation>SMS, mi línea</translation>
    </message>
    <message>
        <source>SMS, a colleague&apos;s line</source>
        <translation>SMS, línea de un compañero</translation>
    </message>
</context>
<context>
    <name>Sb::Ui::ThreadView</name>
    <message>
        <source>Send</source>
        <translation>Enviar</translation>
    </message>
    <message>
        <source>Conversation</source>
        <translation>Conversación</translation>
    </message>
    <message>
        <source>Messages of the conversation</source>
        <translation>Mensajes de la conversación</translation>
    </message>
    <message>
        <source>Sent from</source>
        <translation>Enviado desde</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>Mensaje</translation>
    </message>
    <message>
        <source>Write a message… (Ctrl+Enter sends)</source>
        <translation>Escriba un mensaje… (Ctrl+Intro lo envía)</translation>
    </message>
    <message>
        <source>Send the message</source>
        <translation>Enviar el mensaje</translation>
    </message>
    <message>
        <source>From %1</source>
        <translation>Desde %1</translation>
    </message>
    <message>
        <source>From %1 · %2</source>
        <translation>Desde %1 · %2</translation>
    </message>
    <message>
        <source>✓✓ delivered</source>
        <translation>✓✓ entregado</translation>
    </message>
    <message>
        <source>✓✓ read</source>
        <translation>✓✓ leído</translation>
    </message>
    <message>
        <source>✓ sent</source>
        <translation>✓ enviado</translation>
    </message>
    <message>
        <source>✗ not sent</source>
        <translation>✗ no enviado</translation>
    </message>
    <message>
        <source>✗ not delivered</source>
        <translation>✗ no entregado</translation>
    </message>
    <message>
        <source>◷ on its way</source>
        <translation>◷ en camino</translation>
    </message>
    <message>
        <source>No messages yet: the first one is written below.</source>
        <translation>Aún no hay mensajes: el primero se escribe abajo.</translation>
    </message>
    <message>
        <source>Picture</source>
        <translation>Imagen</translation>
    </message>
    <message>
        <source>File (%1)</source>
        <translation>Archivo (%1)</translation>
    </message>
    <message>
        <source>%1, fetching…</source>
        <translation>%1, obteniéndose…</translation>
    </message>
    <message>
        <source>%1 could not be fetched: %2</source>
        <translation>%1 no se pudo obtener: %2</translation>
    </message>
    <message>
        <source>Picture (opens it)</source>
        <translation>Imagen (se abre al pulsarla)</translation>
    </message>
    <message>
        <source>%1: open</source>
        <translation>%1: abrir</translation>
    </message>
    <message>
        <source>Send from</source>
        <translation>Enviar desde</translation>
    </message>
</context>
<context>
    <name>Sb::Ui::WelcomeView</name>
    <message>
        <source>Open the demo clinic</source>
        <translation>Abrir la clínica de demostración</translation>
    </message>
    <message>
        <source>Welcome to Switchboard</source>
        <translation>Bienvenido a Switchboard</translation>
    </message>
    <message>
        <source>Why there is nothing to show yet</source>
        <translation>Por qué aún no hay nada que mostrar</translation>
    </message>
    <message>
        <source>Try it first on two made-up clinics: three months of calls with the assistant&apos;s summaries and transcripts, leads and text threads. The demo lives in a store of its own; nothing of yours is touched.</source>
        <translation>Pruébelo primero con dos clínicas inventadas: tres meses de llamadas con los resúmenes y las transcripciones de la asistente, posibles clientes y conversaciones de mensajes. La demostración vive en una base de datos propia; no se toca nada suyo.</translation>
    </message>
    <message>
        <source>&lt;p&gt;Or connect your own clinic (an administrator, once):&lt;/p&gt;&lt;pre&gt;switchboardctl tenant add my-clinic --display-name &quot;My Clinic&quot;
switchboardctl staff add $USER --tenant my-clinic --role owner
switchboardctl twilio connect --tenant my-clinic --master-account AC… --public-url https://hooks.example.org&lt;/pre&gt;</source>
        <translation>&lt;p&gt;O conecte su propia clínica (un administrador, una vez):&lt;/p&gt;&lt;pre&gt;switchboardctl tenant add my-clinic --display-name &quot;My Clinic&quot;
switchboardctl staff add $USER --tenant my-clinic --role owner
switchboardctl twilio connect --tenant my-clinic --master-account AC… --public-url https://hooks.example.org&lt;/pre&gt;</translation>
    </message>
</context>
<context>
    <name>Sb::Vault::BlockingKeychain</name>
    <message>
        <source>The console does not wait for the keychain; this is a defect, please report it</source>
        <translation>La consola no espera al llavero; esto es un defecto, por favor infórmelo</translation>
    </message>
</context>
<context>
    <name>Sb::Vault::DataKeys</name>
    <message>
        <source>The stored vault keys are not in Switchboard&apos;s format</source>
        <translation>Las claves de la bóveda guardadas no tienen el formato de Switchboard</translation>
    </message>
</context>
<context>
    <name>Sb::Vault::KeyExport</name>
    <message>
        <source>The passphrase needs at least %1 characters</source>
        <translation>La frase de contraseña necesita al menos %1 caracteres</translation>
    </message>
    <message>
        <source>This is not a Switchboard vault key export</source>
        <translation>Esto no es una exportación de clave de bóveda de Switchboard</translation>
    </message>
    <message>
        <source>The key export&apos;s parameters are out of range</source>
        <translation>Los parámetros de la exportación de clave están fuera de rango</translation>
    </message>
    <message>
        <source>Wrong passphrase, or the key export was altered</source>
        <translation>Frase de contraseña incorrecta, o la exportación de clave fue alterada</translation>
    </message>
</context>
<context>
    <name>Sb::Vault::KeySource</name>
    <message>
        <source>the system keychain</source>
        <translation>el llavero del sistema</translation>
    </message>
    <message>
        <source>the key file %1</source>
        <translation>el archivo de clave %1</translation>
    </message>
    <message>
        <source>The key file %1 does not exist</source>
        <translation>El archivo de clave %1 no existe</translation>
    </message>
    <message>
        <source>The key file %1 can be read by other users; refusing it. Run: chmod 600 %1</source>
        <translation>El archivo de clave %1 lo pueden leer otros usuarios; se rechaza. Ejecute: chmod 600 %1</translation>
    </message>
    <message>
        <source>This machine&apos;s keychain does not hold the keys of vault %1: import them with switchboardctl vault import-key FILE</source>
        <translation>El llavero de este equipo no tiene las claves de la bóveda %1: impórtelas con switchboardctl vault import-key ARCHIVO</translation>
    </message>
    <message>
        <source>Cannot read the key file %1</source>
        <translation>No se puede leer el archivo de clave %1</translation>
    </message>
    <message>
        <source>The key file %1 holds the keys of vault %2, not %3</source>
        <translation>El archivo de clave %1 tiene las claves de la bóveda %2, no de la %3</translation>
    </message>
    <message>
        <source>Cannot write the key file %1</source>
        <translation>No se puede escribir el archivo de clave %1</translation>
    </message>
</context>
<context>
    <name>Sb::Vault::SealedSecretStore</name>
    <message>
        <source>No %1 is stored for %2 in this tenant</source>
        <translation>No hay ningún %1 guardado para %2 en esta clínica</translation>
    </message>
</context>
<context>
    <name>Sb::Vault::Sealer</name>
    <message>
        <source>Not a Switchboard sealed secret</source>
        <translation>No es un secreto sellado de Switchboard</translation>
    </message>
    <message>
        <source>The sealed secret is truncated</source>
        <translation>El secreto sellado está truncado</translation>
    </message>
    <message>
        <source>The vault has no active key</source>
        <translation>La bóveda no tiene ninguna clave activa</translation>
    </message>
    <message>
        <source>The secret was sealed under key %1, which this machine does not have; import the vault key (switchboardctl vault import-key)</source>
        <translation>El secreto se selló con la clave %1, que este equipo no tiene; importe la clave de la bóveda (switchboardctl vault import-key)</translation>
    </message>
</context>
<context>
    <name>Sb::Vault::SecretStore</name>
    <message>
        <source>No keychain is available (%1). Start your desktop&apos;s keyring (GNOME Keyring, KWallet) and try again; a server without one uses a key file instead (--key-file).</source>
        <translation>No hay ningún llavero disponible (%1). Inicie el llavero de su escritorio (GNOME Keyring, KWallet) e inténtelo de nuevo; un servidor sin llavero usa un archivo de clave (--key-file).</translation>
    </message>
    <message>
        <source>The keychain is locked and was not unlocked. Unlock it (for example in Passwords and Keys) and try again.</source>
        <translation>El llavero está bloqueado y no se desbloqueó. Desbloquéelo (por ejemplo en Contraseñas y claves) e inténtelo de nuevo.</translation>
    </message>
    <message>
        <source>The keychain has no entry %1.</source>
        <translation>El llavero no tiene la entrada %1.</translation>
    </message>
    <message>
        <source>Access to the keychain was refused. Allow Switchboard when your keychain asks, then try again.</source>
        <translation>Se denegó el acceso al llavero. Permita Switchboard cuando su llavero lo pregunte e inténtelo de nuevo.</translation>
    </message>
    <message>
        <source>The keychain failed (%1). Check that your keyring is running and unlocked, then try again.</source>
        <translation>El llavero falló (%1). Compruebe que su llavero está en marcha y desbloqueado, e inténtelo de nuevo.</translation>
    </message>
</context>
<context>
    <name>Sb::Vault::VaultAdmin</name>
    <message>
        <source>The vault of this store is not set up yet: run switchboardctl vault init</source>
        <translation>La bóveda de esta base de datos aún no está configurada: ejecute switchboardctl vault init</translation>
    </message>
    <message>
        <source>The vault of this store already exists (%1); to use it on this machine, import its key with switchboardctl vault import-key</source>
        <translation>La bóveda de esta base de datos ya existe (%1); para usarla en este equipo, importe su clave con switchboardctl vault import-key</translation>
    </message>
    <message>
        <source>%1 holds the keys of a vault, but this store has no vault: is --db the store they belong to?</source>
        <translation>%1 contiene las claves de una bóveda, pero esta base de datos no tiene bóveda: ¿es --db la base de datos a la que pertenecen?</translation>
    </message>
    <message>
        <source>These are the keys of vault %1, but this store&apos;s vault is %2</source>
        <translation>Estas son las claves de la bóveda %1, pero la bóveda de esta base de datos es %2</translation>
    </message>
    <message>
        <source>This export predates the store&apos;s current key %1: export the key again</source>
        <translation>Esta exportación es anterior a la clave actual de la base de datos %1: exporte la clave de nuevo</translation>
    </message>
</context>
<context>
    <name>Sb::Vault::VaultOpener</name>
    <message>
        <source>This machine does not hold the keys of vault %1: import them with switchboardctl vault import-key</source>
        <translation>Este equipo no tiene las claves de la bóveda %1: impórtelas con switchboardctl vault import-key</translation>
    </message>
</context>
</TS>
