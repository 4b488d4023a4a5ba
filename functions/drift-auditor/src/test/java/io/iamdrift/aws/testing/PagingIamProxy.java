package io.iamdrift.aws.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * An HTTP proxy in front of moto that pages {@code iam:GetAccountAuthorizationDetails} as AWS documents it
 * (at most {@code MaxItems} entities per response, users, groups, roles and policies counted together, then
 * {@code IsTruncated} and a {@code Marker} for the next call). moto 5.2.1 answers everything in one page and
 * ignores both parameters; every other request passes through unchanged.
 */
public final class PagingIamProxy implements AutoCloseable {

    private static final List<String> LISTS =
            List.of("UserDetailList", "GroupDetailList", "RoleDetailList", "Policies");
    private static final Set<String> UNFORWARDED = Set.of("host", "content-length", "connection", "expect", "upgrade");

    private final URI target;
    private final HttpServer server;
    private final HttpClient http = HttpClient.newHttpClient();

    public PagingIamProxy(URI target) throws IOException {
        this.target = target;
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    /** Where to point the IAM client. */
    public URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            HttpRequest.Builder forward = HttpRequest.newBuilder(target.resolve(exchange.getRequestURI()))
                    .method(exchange.getRequestMethod(), HttpRequest.BodyPublishers.ofByteArray(body));
            exchange.getRequestHeaders().forEach((name, values) -> {
                if (!UNFORWARDED.contains(name.toLowerCase())) {
                    values.forEach(v -> forward.header(name, v));
                }
            });
            HttpResponse<byte[]> response = http.send(forward.build(), HttpResponse.BodyHandlers.ofByteArray());
            byte[] out = response.body();
            Map<String, String> params = form(new String(body, StandardCharsets.UTF_8));
            if ("GetAccountAuthorizationDetails".equals(params.get("Action")) && response.statusCode() == 200) {
                out = page(
                        out,
                        Integer.parseInt(params.getOrDefault("MaxItems", "100")),
                        Integer.parseInt(params.getOrDefault("Marker", "0")));
            }
            response.headers()
                    .firstValue("content-type")
                    .ifPresent(v -> exchange.getResponseHeaders().add("Content-Type", v));
            exchange.sendResponseHeaders(response.statusCode(), out.length == 0 ? -1 : out.length);
            exchange.getResponseBody().write(out);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            throw new IOException("proxying to " + target + " failed: " + e, e);
        }
    }

    /** The entities {@code [offset, offset + maxItems)} of moto's one-page answer, with IsTruncated and Marker. */
    static byte[] page(byte[] xml, int maxItems, int offset) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        Document doc = f.newDocumentBuilder().parse(new ByteArrayInputStream(xml));
        Element result = child(doc.getDocumentElement(), "GetAccountAuthorizationDetailsResult");
        List<Node> members = new ArrayList<>();
        for (String list : LISTS) {
            Element e = child(result, list);
            if (e != null) {
                for (Node n = e.getFirstChild(); n != null; n = n.getNextSibling()) {
                    if (n instanceof Element m && m.getLocalName().equals("member")) {
                        members.add(m);
                    }
                }
            }
        }
        for (int i = 0; i < members.size(); i++) {
            if (i < offset || i >= offset + maxItems) {
                members.get(i).getParentNode().removeChild(members.get(i));
            }
        }
        boolean truncated = offset + maxItems < members.size();
        child(result, "IsTruncated").setTextContent(Boolean.toString(truncated));
        if (truncated) {
            Element marker = doc.createElementNS(result.getNamespaceURI(), "Marker");
            marker.setTextContent(Integer.toString(offset + maxItems));
            result.appendChild(marker);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        var t = TransformerFactory.newInstance().newTransformer();
        t.setOutputProperty(OutputKeys.OMIT_XML_DECLARATION, "yes");
        t.transform(new DOMSource(doc), new StreamResult(out));
        return out.toByteArray();
    }

    private static Element child(Element parent, String localName) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && e.getLocalName().equals(localName)) {
                return e;
            }
        }
        return null;
    }

    private static Map<String, String> form(String body) {
        Map<String, String> out = new HashMap<>();
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                out.put(
                        URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return out;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
