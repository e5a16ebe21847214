package uk.jtai.response.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.icegreen.greenmail.util.GreenMail;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.mail.MailSendException;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.mail.javamail.MimeMessageHelper;
import uk.jtai.response.support.TestSmtp;

class MailServerConversationTest {

  private final GreenMail smtp = new GreenMail(TestSmtp.setup());
  private final JavaMailSenderImpl server = new JavaMailSenderImpl();

  @BeforeEach
  void start() {
    smtp.start();
    server.setHost("localhost");
    server.setPort(TestSmtp.port());
  }

  @AfterEach
  void stop() {
    smtp.stop();
  }

  @Test
  void manyMessagesGoOverOneConnectionEachToItsOwnRecipients() throws Exception {
    try (MailServerConversation conversation = new MailServerConversation(server)) {
      for (int i = 0; i < 10; i++) {
        conversation.send(message("r" + i + "@test.example", "Reminder " + i));
      }
      assertThat(conversation.connections()).isEqualTo(1);
    }
    MimeMessage[] received = smtp.getReceivedMessages();
    assertThat(received).hasSize(10);
    for (int i = 0; i < 10; i++) {
      assertThat(received[i].getAllRecipients()[0].toString()).isEqualTo("r" + i + "@test.example");
      assertThat(received[i].getSubject()).isEqualTo("Reminder " + i);
      assertThat(received[i].getSentDate()).isNotNull();
    }
  }

  @Test
  void aConnectionThatBreaksIsOpenedAgainForTheNextMessage() throws Exception {
    try (MailServerConversation conversation = new MailServerConversation(server)) {
      conversation.send(message("before@test.example", "Before"));
      smtp.stop();
      assertThatThrownBy(() -> conversation.send(message("during@test.example", "During")))
          .isInstanceOf(MailSendException.class);
      smtp.start();
      conversation.send(message("after@test.example", "After"));
      assertThat(conversation.connections()).isEqualTo(2);
    }
    MimeMessage[] received = smtp.getReceivedMessages();
    assertThat(received).extracting(MimeMessage::getSubject).containsExactly("After");
  }

  @Test
  void noMailServerIsAClearFailureAndNothingIsOpen() {
    smtp.stop();
    MailServerConversation conversation = new MailServerConversation(server);
    assertThatThrownBy(() -> conversation.send(message("x@test.example", "Lost")))
        .isInstanceOf(MailSendException.class).hasMessageContaining("connection failed");
    assertThat(conversation.connections()).isZero();
    conversation.close();
    smtp.start();
  }

  private MimeMessage message(String to, String subject) throws Exception {
    MimeMessage mime = server.createMimeMessage();
    MimeMessageHelper helper = new MimeMessageHelper(mime, false, "UTF-8");
    helper.setFrom("jtai-response@test.example");
    helper.setTo(to);
    helper.setSubject(subject);
    helper.setText("A reminder.", false);
    return mime;
  }
}
