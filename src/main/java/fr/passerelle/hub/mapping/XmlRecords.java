package fr.passerelle.hub.mapping;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.ErrorHandler;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

/**
 * Reads XML payloads into source records addressed by dotted paths of local element names
 * ({@code individu.dateNaissance}), whatever the namespaces: a partner's prefixes and namespace versions do not
 * change what a field is. A path matching several elements (repeated {@code contrainte.code}) gives a list.
 *
 * <p>{@code recordsPath} is read from the document element's children: {@code Body.soumettreOrientation.orientation}
 * in a SOAP envelope. Without it, the document element is the one record.
 */
public final class XmlRecords {

    private static final String XSI = XMLConstants.W3C_XML_SCHEMA_INSTANCE_NS_URI;

    private static final DocumentBuilderFactory FACTORY = hardenedFactory();

    private static final ErrorHandler FAIL_ON_ERROR = new ErrorHandler() {
        @Override
        public void warning(SAXParseException exception) {
        }

        @Override
        public void error(SAXParseException exception) throws SAXException {
            throw exception;
        }

        @Override
        public void fatalError(SAXParseException exception) throws SAXException {
            throw exception;
        }
    };

    private XmlRecords() {
    }

    public static List<SourceRecord> read(MappingDefinition mapping, byte[] payload) {
        Element root = parse(payload).getDocumentElement();
        if (mapping.recordsPath() == null) {
            return List.of(new XmlRecord(root, 1));
        }
        List<Element> elements = navigate(root, mapping.recordsPath());
        if (elements.isEmpty()) {
            throw new UnusablePayloadException("XML_INATTENDU", "élément « " + mapping.recordsPath() + " » absent");
        }
        List<SourceRecord> records = new ArrayList<>();
        for (int i = 0; i < elements.size(); i++) {
            records.add(new XmlRecord(elements.get(i), i + 1));
        }
        return records;
    }

    /**
     * SECURITY: partner XML never declares a DTD here. DOCTYPE is refused outright, which rules out external
     * entities (XXE) and entity expansion (billion laughs); nothing is fetched from the network or the disk.
     */
    public static Document parse(byte[] payload) {
        try {
            DocumentBuilder builder = FACTORY.newDocumentBuilder();
            builder.setErrorHandler(FAIL_ON_ERROR);
            builder.setEntityResolver((publicId, systemId) -> {
                throw new SAXException("entité externe refusée");
            });
            return builder.parse(new ByteArrayInputStream(payload));
        } catch (SAXParseException e) {
            throw new UnusablePayloadException("XML_MALFORME", "XML malformé ou interdit (DTD, entités) : "
                    + e.getMessage() + " (ligne " + e.getLineNumber() + ", colonne " + e.getColumnNumber() + ")", e);
        } catch (SAXException | IOException e) {
            throw new UnusablePayloadException("XML_MALFORME", "XML illisible", e);
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("XML parser without the required security features", e);
        }
    }

    private static DocumentBuilderFactory hardenedFactory() {
        // The JDK's own parser, whatever else is on the classpath, so that these features are known to exist.
        DocumentBuilderFactory factory = DocumentBuilderFactory.newDefaultInstance();
        try {
            factory.setNamespaceAware(true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
            factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            factory.setXIncludeAware(false);
            factory.setExpandEntityReferences(false);
            return factory;
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("XML parser without the required security features", e);
        }
    }

    /** Every element reached by the dotted path of local names below {@code from}, in document order. */
    static List<Element> navigate(Element from, String path) {
        List<Element> current = List.of(from);
        for (String step : path.split("\\.")) {
            List<Element> next = new ArrayList<>();
            for (Element element : current) {
                next.addAll(children(element, step));
            }
            current = next;
        }
        return current;
    }

    private static List<Element> children(Element parent, String localName) {
        List<Element> children = new ArrayList<>();
        for (Node child = parent.getFirstChild(); child != null; child = child.getNextSibling()) {
            if (child instanceof Element element && localName.equals(localNameOf(element))) {
                children.add(element);
            }
        }
        return children;
    }

    private static String localNameOf(Element element) {
        return element.getLocalName() != null ? element.getLocalName() : element.getTagName();
    }

    private static boolean hasChildElements(Element element) {
        for (Node child = element.getFirstChild(); child != null; child = child.getNextSibling()) {
            if (child instanceof Element) {
                return true;
            }
        }
        return false;
    }

    private record XmlRecord(Element element, int position) implements SourceRecord {
        /** Text of the leaf elements under the path; an element holding elements, or xsi:nil, has no value. */
        @Override
        public List<String> values(String source) {
            List<String> values = new ArrayList<>();
            for (Element leaf : navigate(element, source)) {
                if (!hasChildElements(leaf) && !"true".equals(leaf.getAttributeNS(XSI, "nil").strip())) {
                    values.add(leaf.getTextContent());
                }
            }
            return values;
        }
    }
}
