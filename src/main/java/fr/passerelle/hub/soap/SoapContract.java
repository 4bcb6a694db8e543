package fr.passerelle.hub.soap;

import fr.passerelle.hub.canonical.FieldIssue;
import fr.passerelle.hub.mapping.UnusablePayloadException;
import fr.passerelle.hub.mapping.XmlRecords;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.XMLConstants;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;
import javax.xml.validation.ValidatorHandler;
import org.w3c.dom.Attr;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.ErrorHandler;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;
import org.xml.sax.helpers.AttributesImpl;

/**
 * Checks a SOAP request against the service's XSD and reports <em>every</em> departure, each with the path of the
 * field ({@code individu.prenom}) and a French reason, so that the sender fixes everything in one go. CXF's own
 * validation stops at the first error and gives no path; this is what the {@code OrientationInvalide} fault says.
 */
final class SoapContract {

    private static final String LOCALE_PROPERTY = "http://apache.org/xml/properties/locale";

    private final Schema schema;
    private final Set<String> elementNames;

    private SoapContract(Schema schema, Set<String> elementNames) {
        this.schema = schema;
        this.elementNames = Set.copyOf(elementNames);
    }

    /** SECURITY: the schema is ours, from the classpath; it may not pull anything from elsewhere. */
    public static SoapContract fromClasspath(String xsd) {
        URL resource = SoapContract.class.getClassLoader().getResource(xsd);
        if (resource == null) {
            throw new IllegalStateException("schema " + xsd + " not on the classpath");
        }
        try {
            SchemaFactory factory = SchemaFactory.newDefaultInstance();
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            factory.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            Schema schema = factory.newSchema(resource);
            try (InputStream in = resource.openStream()) {
                return new SoapContract(schema, elementNames(XmlRecords.parse(in.readAllBytes()).getDocumentElement()));
            }
        } catch (SAXException | IOException e) {
            throw new IllegalStateException("schema " + xsd + " unreadable: " + e.getMessage(), e);
        }
    }

    /** Every element name the schema declares, to tell an unknown element from a missing one. */
    private static Set<String> elementNames(Element schema) {
        Set<String> names = new HashSet<>();
        NodeList elements = schema.getElementsByTagNameNS(XMLConstants.W3C_XML_SCHEMA_NS_URI, "element");
        for (int i = 0; i < elements.getLength(); i++) {
            String name = ((Element) elements.item(i)).getAttribute("name");
            if (!name.isEmpty()) {
                names.add(name);
            }
        }
        return names;
    }

    /**
     * @param envelope the SOAP request as received
     * @param base     dotted path below {@code Body} that field paths are relative to, e.g.
     *                 {@code soumettreOrientation.orientation}
     * @throws UnusablePayloadException when the envelope is not well-formed XML or has no body
     */
    public List<FieldIssue> violations(byte[] envelope, String base) {
        Element operation = bodyContent(XmlRecords.parse(envelope).getDocumentElement());
        Collector collector = new Collector(base, elementNames);
        ValidatorHandler validator = schema.newValidatorHandler();
        try {
            // The reasons are written from the English messages, whatever the server's locale.
            validator.setProperty(LOCALE_PROPERTY, Locale.ENGLISH);
        } catch (SAXException e) {
            // the reasons fall back on a generic wording
        }
        validator.setErrorHandler(collector);
        try {
            validator.startDocument();
            walk(operation, validator, collector.path);
            validator.endDocument();
        } catch (SAXException e) {
            throw new IllegalStateException("validation aborted although errors are collected", e);
        }
        return collector.issues();
    }

    private static Element bodyContent(Element envelope) {
        for (Node child = envelope.getFirstChild(); child != null; child = child.getNextSibling()) {
            if (child instanceof Element body && "Body".equals(body.getLocalName())) {
                for (Node content = body.getFirstChild(); content != null; content = content.getNextSibling()) {
                    if (content instanceof Element operation) {
                        return operation;
                    }
                }
            }
        }
        throw new UnusablePayloadException("SOAP_SANS_CORPS", "enveloppe SOAP sans corps");
    }

    /** Feeds the validator SAX events from the DOM, keeping the path of local names the errors are reported on. */
    private static void walk(Element element, ValidatorHandler validator, Deque<String> path) throws SAXException {
        String namespace = element.getNamespaceURI() == null ? "" : element.getNamespaceURI();
        String localName = element.getLocalName();
        AttributesImpl attributes = new AttributesImpl();
        NamedNodeMap map = element.getAttributes();
        for (int i = 0; i < map.getLength(); i++) {
            Attr attribute = (Attr) map.item(i);
            String attributeNamespace = attribute.getNamespaceURI() == null ? "" : attribute.getNamespaceURI();
            if (XMLConstants.XMLNS_ATTRIBUTE_NS_URI.equals(attributeNamespace)) {
                continue;
            }
            attributes.addAttribute(attributeNamespace, attribute.getLocalName(), attribute.getName(), "CDATA",
                    attribute.getValue());
        }
        path.addLast(localName);
        validator.startElement(namespace, localName, element.getTagName(), attributes);
        for (Node child = element.getFirstChild(); child != null; child = child.getNextSibling()) {
            if (child instanceof Element childElement) {
                walk(childElement, validator, path);
            } else if (child.getNodeType() == Node.TEXT_NODE || child.getNodeType() == Node.CDATA_SECTION_NODE) {
                char[] text = child.getNodeValue().toCharArray();
                validator.characters(text, 0, text.length);
            }
        }
        validator.endElement(namespace, localName, element.getTagName());
        path.removeLast();
    }

    /** Turns the validator's messages into field issues; one issue per field, the first reason wins. */
    private static final class Collector implements ErrorHandler {

        private final String base;
        private final Set<String> elementNames;
        private final Deque<String> path = new ArrayDeque<>();
        private final Map<String, FieldIssue> byField = new LinkedHashMap<>();

        Collector(String base, Set<String> elementNames) {
            this.base = base;
            this.elementNames = elementNames;
        }

        List<FieldIssue> issues() {
            return new ArrayList<>(byField.values());
        }

        @Override
        public void warning(SAXParseException exception) {
        }

        @Override
        public void error(SAXParseException exception) {
            FieldIssue issue = translate(String.valueOf(exception.getMessage()));
            byField.putIfAbsent(issue.field(), issue);
        }

        @Override
        public void fatalError(SAXParseException exception) {
            error(exception);
        }

        private FieldIssue translate(String message) {
            String key = message.contains(":") ? message.substring(0, message.indexOf(':')).strip() : "";
            String current = String.join(".", path);
            String parent = path.size() > 1 ? String.join(".", new ArrayList<>(path).subList(0, path.size() - 1)) : "";
            Matcher matcher;
            switch (key) {
                case "cvc-complex-type.2.4.a" -> {
                    // Raised on the unexpected element, still on top of the path. An element the contract does not
                    // know is reported as such; otherwise one is missing: the last expected (optional ones come
                    // before it).
                    matcher = Pattern.compile("starting with element '(.+?)'\\. One of '\\{?(.+?)\\}?' is expected")
                            .matcher(message);
                    if (matcher.find()) {
                        String found = localName(matcher.group(1));
                        String expected = lastLocalName(matcher.group(2));
                        if (!elementNames.contains(found)) {
                            return issue(current, "ELEMENT_INCONNU", "élément « " + found + " » inconnu du contrat");
                        }
                        return issue(parent + "." + expected, "ELEMENT_MANQUANT",
                                "élément « " + expected + " » absent ou mal placé (trouvé : « " + found + " »)");
                    }
                    return issue(current, "ELEMENT_INATTENDU", "élément inattendu à cet endroit");
                }
                case "cvc-complex-type.2.4.b" -> {
                    matcher = Pattern.compile("One of '\\{?(.+?)\\}?' is expected").matcher(message);
                    String expected = matcher.find() ? lastLocalName(matcher.group(1)) : null;
                    return expected == null ? issue(current, "ELEMENT_MANQUANT", "contenu incomplet")
                            : issue(current + "." + expected, "ELEMENT_MANQUANT",
                            "élément « " + expected + " » absent");
                }
                case "cvc-complex-type.2.4.d", "cvc-complex-type.2.4.f", "cvc-complex-type.2.4.e" -> {
                    return issue(current, "ELEMENT_INATTENDU",
                            "élément inattendu à cet endroit, ou répété plus que le contrat ne le permet");
                }
                case "cvc-pattern-valid" -> {
                    matcher = Pattern.compile("with respect to pattern '(.+)' for type").matcher(message);
                    return issue(current, "FORMAT_INVALIDE", matcher.find()
                            ? "format invalide (format attendu : " + matcher.group(1) + ")" : "format invalide");
                }
                case "cvc-enumeration-valid" -> {
                    matcher = Pattern.compile("with respect to enumeration '\\[(.*)\\]'").matcher(message);
                    return issue(current, "VALEUR_NON_AUTORISEE", matcher.find()
                            ? "valeur non autorisée (valeurs admises : " + matcher.group(1) + ")"
                            : "valeur non autorisée");
                }
                case "cvc-minInclusive-valid", "cvc-maxInclusive-valid", "cvc-minExclusive-valid",
                     "cvc-maxExclusive-valid" -> {
                    matcher = Pattern.compile("with respect to (min|max)\\w+ '(.+)' for type").matcher(message);
                    if (matcher.find()) {
                        return issue(current, "VALEUR_HORS_LIMITES", ("min".equals(matcher.group(1))
                                ? "valeur inférieure au minimum autorisé (" : "valeur supérieure au maximum autorisé (")
                                + matcher.group(2) + ")");
                    }
                    return issue(current, "VALEUR_HORS_LIMITES", "valeur hors des limites autorisées");
                }
                case "cvc-minLength-valid", "cvc-maxLength-valid", "cvc-length-valid" -> {
                    matcher = Pattern.compile("with respect to (minLength|maxLength|length) '(\\d+)'").matcher(message);
                    if (!matcher.find()) {
                        return issue(current, "LONGUEUR_INVALIDE", "longueur invalide");
                    }
                    return switch (matcher.group(1)) {
                        case "minLength" -> issue(current, "VALEUR_VIDE", "valeur vide ou trop courte");
                        case "maxLength" -> issue(current, "TROP_LONG",
                                "valeur trop longue (" + matcher.group(2) + " caractères au plus)");
                        default -> issue(current, "LONGUEUR_INVALIDE",
                                "longueur invalide (" + matcher.group(2) + " caractères attendus)");
                    };
                }
                case "cvc-datatype-valid.1.2.1", "cvc-datatype-valid.1.2.3" -> {
                    matcher = Pattern.compile("is not a valid value for '(.+)'\\.").matcher(message);
                    String type = matcher.find() ? matcher.group(1) : "";
                    return issue(current, "TYPE_INVALIDE", switch (type) {
                        case "date" -> "date invalide (format attendu : AAAA-MM-JJ)";
                        case "dateTime" -> "date et heure invalides (format attendu : AAAA-MM-JJThh:mm:ss)";
                        case "boolean" -> "booléen invalide (true ou false attendu)";
                        case "int", "integer" -> "nombre entier attendu";
                        default -> "valeur invalide pour son type";
                    });
                }
                default -> {
                    return issue(current, "NON_CONFORME", "non conforme au contrat (" + key + ")");
                }
            }
        }

        /** Paths are reported relative to {@code base} when under it. */
        private FieldIssue issue(String field, String code, String reason) {
            String relative = field.startsWith(".") ? field.substring(1) : field;
            if (relative.equals(base)) {
                relative = base.substring(base.lastIndexOf('.') + 1);
            } else if (relative.startsWith(base + ".")) {
                relative = relative.substring(base.length() + 1);
            }
            return new FieldIssue(relative, code, reason);
        }

        /** {@code {"urn:ns":prenom}}, {@code "urn:ns":prenom} or {@code ori:prenom}: the local name. */
        private static String localName(String quoted) {
            String name = quoted.strip().replaceAll("^\\{|\\}$", "");
            int namespaceEnd = name.lastIndexOf("\":");
            if (namespaceEnd >= 0) {
                name = name.substring(namespaceEnd + 2);
            } else if (name.contains(":")) {
                name = name.substring(name.lastIndexOf(':') + 1);
            }
            return name.replace("\"", "").strip();
        }

        private static String lastLocalName(String list) {
            String[] names = list.split(",");
            return localName(names[names.length - 1]);
        }
    }
}
