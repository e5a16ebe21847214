package uk.jtai.response.notify;

import jakarta.mail.Address;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;
import jakarta.mail.Transport;
import jakarta.mail.internet.MimeMessage;
import java.util.Date;
import org.springframework.mail.MailAuthenticationException;
import org.springframework.mail.MailException;
import org.springframework.mail.MailSendException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/**
 * One conversation with the mail server for several messages handed over one after another, where
 * {@link JavaMailSender#send(MimeMessage)} connects, greets and quits for every message. Connecting cost about 45 ms a
 * message against the tests' mail server (a message on an open connection, 1 ms), and a TLS handshake with a real
 * one costs more: one node handed over about 60 e-mails a second however many were waiting (issue 19). Each message
 * is still handed over on its own, so its outbox row can be marked sent straight after; a connection that breaks is
 * opened again for the next message. A sender that is not Spring's {@link JavaMailSenderImpl} (a test's stand-in)
 * sends each message as it would.
 */
final class MailServerConversation implements AutoCloseable {

  private final JavaMailSender sender;
  private Transport transport;
  private int connections;

  MailServerConversation(JavaMailSender sender) {
    this.sender = sender;
  }

  /** Hands {@code message} to the mail server, as {@link JavaMailSenderImpl#send(MimeMessage...)} does, on this conversation. */
  void send(MimeMessage message) throws MailException {
    if (!(sender instanceof JavaMailSenderImpl server)) {
      sender.send(message);
      return;
    }
    Transport open = connected(server);
    try {
      if (message.getSentDate() == null) {
        message.setSentDate(new Date());
      }
      String messageId = message.getMessageID();
      message.saveChanges();
      if (messageId != null) { // saveChanges gives it a new one
        message.setHeader("Message-ID", messageId);
      }
      Address[] to = message.getAllRecipients();
      open.sendMessage(message, to == null ? new Address[0] : to);
    } catch (MessagingException e) {
      throw new MailSendException("Failed message: " + e.getMessage(), e);
    }
  }

  /** The open connection, or a new one if there is none or the last has broken (as Spring connects). */
  private Transport connected(JavaMailSenderImpl server) {
    if (transport != null && transport.isConnected()) {
      return transport;
    }
    close();
    try {
      String username = server.getUsername();
      String password = server.getPassword();
      if ("".equals(username)) {
        username = null;
        if ("".equals(password)) {
          password = null;
        }
      }
      Transport fresh = server.getSession().getTransport(server.getProtocol() == null ? "smtp" : server.getProtocol());
      fresh.connect(server.getHost(), server.getPort(), username, password);
      transport = fresh;
      connections++;
      return fresh;
    } catch (AuthenticationFailedException e) {
      throw new MailAuthenticationException(e);
    } catch (MessagingException e) {
      throw new MailSendException("Mail server connection failed", e);
    }
  }

  /** How many connections it has opened (one, unless one broke). */
  int connections() {
    return connections;
  }

  /** Ends the conversation (QUIT), if one was opened. */
  @Override
  public void close() {
    if (transport != null) {
      try {
        transport.close();
      } catch (MessagingException e) {
        // the messages were handed over (or their failures recorded); a failed goodbye changes nothing
      }
      transport = null;
    }
  }
}
