package fr.passerelle.hub.handoff.channel;

import fr.passerelle.hub.handoff.soap.contract.v1.Accuse;
import fr.passerelle.hub.handoff.soap.contract.v1.RecevoirRelais;
import fr.passerelle.hub.handoff.soap.contract.v1.RecevoirRelaisReponse;
import fr.passerelle.hub.handoff.soap.contract.v1.RelaisRefuse;
import fr.passerelle.hub.handoff.soap.contract.v1.RelaisRefuse_Exception;
import fr.passerelle.hub.handoff.soap.contract.v1.StatutAccuse;
import fr.passerelle.hub.handoff.soap.contract.v1.SuiviPortType;
import fr.passerelle.hub.handoff.soap.contract.v1.SuiviService;
import java.nio.file.Files;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.catalina.Context;
import org.apache.catalina.startup.Tomcat;
import org.apache.cxf.Bus;
import org.apache.cxf.bus.CXFBusFactory;
import org.apache.cxf.configuration.security.AuthorizationPolicy;
import org.apache.cxf.endpoint.Server;
import org.apache.cxf.jaxws.JaxWsServerFactoryBean;
import org.apache.cxf.phase.PhaseInterceptorChain;
import org.apache.cxf.transport.servlet.CXFNonSpringServlet;

/**
 * France Travail's side of {@code recevoirRelais}, for real: a CXF JAX-WS service implementing the interface generated
 * from {@code wsdl/suivi-ft-v1.wsdl}, validating requests against the schema, in its own Tomcat on a free port. It
 * checks the hub's HTTP Basic account, records every relais it accepts by id, answers DEJA_RECU to a repeated id
 * like the contract says, and can refuse everything with a {@code RelaisRefuse} fault.
 */
final class FranceTravailStandIn implements SuiviPortType, AutoCloseable {

    static final String USER = "passerelle-91027";
    static final String PASSWORD = "test-ft-handoff-password";

    private final Tomcat tomcat = new Tomcat();
    private final Bus bus = new CXFBusFactory().createBus();
    private final Server server;
    private final Map<String, RecevoirRelais> accepted = new ConcurrentHashMap<>();
    private final List<String> calls = new CopyOnWriteArrayList<>();
    private final List<String> answered = new CopyOnWriteArrayList<>();
    private final List<String> badCredentials = new CopyOnWriteArrayList<>();
    private volatile boolean refusing;

    FranceTravailStandIn() throws Exception {
        tomcat.setBaseDir(Files.createTempDirectory("ft-stand-in").toString());
        tomcat.setPort(0);
        Context context = tomcat.addContext("", null);
        CXFNonSpringServlet servlet = new CXFNonSpringServlet();
        servlet.setBus(bus);
        Tomcat.addServlet(context, "cxf", servlet).setLoadOnStartup(1);
        context.addServletMappingDecoded("/services/*", "cxf");
        JaxWsServerFactoryBean factory = new JaxWsServerFactoryBean();
        factory.setBus(bus);
        factory.setServiceClass(SuiviPortType.class);
        factory.setServiceBean(this);
        factory.setWsdlLocation(SoapChannel.WSDL);
        factory.setServiceName(SuiviService.SERVICE);
        factory.setEndpointName(SuiviService.SuiviPort);
        factory.setAddress("/suivi");
        factory.getProperties(true).put("schema-validation-enabled", "true");
        server = factory.create();
        tomcat.getConnector();
        tomcat.start();
    }

    String url() {
        return "http://127.0.0.1:" + tomcat.getConnector().getLocalPort() + "/services/suivi";
    }

    @Override
    public RecevoirRelaisReponse recevoirRelais(RecevoirRelais demande) throws RelaisRefuse_Exception {
        String id = demande.getRelais().getIdentifiantRelais();
        calls.add(id);
        AuthorizationPolicy credentials = PhaseInterceptorChain.getCurrentMessage().get(AuthorizationPolicy.class);
        if (credentials == null || !USER.equals(credentials.getUserName())
                || !PASSWORD.equals(credentials.getPassword())) {
            badCredentials.add(id);
            throw refusal(id, "NON_AUTORISE");
        }
        if (refusing) {
            throw refusal(id, "INDISPONIBLE");
        }
        boolean first = accepted.putIfAbsent(id, demande) == null;
        answered.add(id);
        Accuse accuse = new Accuse();
        accuse.setIdentifiantRelais(id);
        accuse.setDateReception(OffsetDateTime.now());
        accuse.setStatut(first ? StatutAccuse.RECU : StatutAccuse.DEJA_RECU);
        RecevoirRelaisReponse reponse = new RecevoirRelaisReponse();
        reponse.setAccuse(accuse);
        return reponse;
    }

    private static RelaisRefuse_Exception refusal(String id, String code) {
        RelaisRefuse refus = new RelaisRefuse();
        refus.setIdentifiantRelais(id);
        refus.setCode(code);
        refus.setMotif("refusé par le service de test");
        return new RelaisRefuse_Exception("Relais refusé", refus);
    }

    void refuseEverything() {
        refusing = true;
    }

    void recover() {
        refusing = false;
    }

    /** Calls received with this relais id, whatever the answer. */
    long calls(String handoffId) {
        return calls.stream().filter(handoffId::equals).count();
    }

    /** Calls with this id that were answered with an accuse. */
    long acknowledged(String handoffId) {
        return answered.stream().filter(handoffId::equals).count();
    }

    RecevoirRelais received(String handoffId) {
        return accepted.get(handoffId);
    }

    List<String> badCredentials() {
        return badCredentials;
    }

    @Override
    public void close() throws Exception {
        server.destroy();
        tomcat.stop();
        tomcat.destroy();
        bus.shutdown(true);
    }
}
