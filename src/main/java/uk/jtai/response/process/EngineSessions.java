package uk.jtai.response.process;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.interceptor.Session;
import org.camunda.bpm.engine.impl.interceptor.SessionFactory;

/** The engine's per-command sessions (its managers) the product replaces with its own. */
public final class EngineSessions {

  private EngineSessions() {
  }

  /**
   * Before the engine is built (a plugin's {@code preInit}): each command that asks for a session of {@code type}
   * gets a new one from {@code session} instead of Camunda's.
   */
  public static void replace(ProcessEngineConfigurationImpl configuration, Class<? extends Session> type,
                             Supplier<? extends Session> session) {
    List<SessionFactory> factories = configuration.getCustomSessionFactories() == null
        ? new ArrayList<>() : new ArrayList<>(configuration.getCustomSessionFactories());
    factories.add(new SessionFactory() {
      @Override
      public Class<?> getSessionType() {
        return type;
      }

      @Override
      public Session openSession() {
        return session.get();
      }
    });
    configuration.setCustomSessionFactories(factories);
  }
}
