package fr.passerelle.hub.api;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistry;
import org.springframework.web.servlet.config.annotation.ViewControllerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * {@code /api/docs}: the API's description as a page for partners' developers (Swagger UI), open without login.
 * Everything it loads is served by the hub from the Swagger UI webjar and {@code openapi/docs/}: nothing is fetched
 * elsewhere at run time.
 */
@Configuration(proxyBeanMethods = false)
class ApiDocsPage implements WebMvcConfigurer {

    static final String PATH = "/api/docs";
    private static final String WEBJAR = "META-INF/maven/org.webjars/swagger-ui/pom.properties";

    @Override
    public void addViewControllers(ViewControllerRegistry registry) {
        registry.addRedirectViewController(PATH, PATH + "/index.html");
        registry.addRedirectViewController(PATH + "/", PATH + "/index.html");
    }

    @Override
    public void addResourceHandlers(ResourceHandlerRegistry registry) {
        registry.addResourceHandler(PATH + "/**")
                .addResourceLocations("classpath:/openapi/docs/",
                        "classpath:/META-INF/resources/webjars/swagger-ui/" + swaggerUiVersion() + "/");
    }

    /** The webjar's version, read from the jar itself so that upgrading it is a pom change only. */
    static String swaggerUiVersion() {
        try (InputStream in = ApiDocsPage.class.getClassLoader().getResourceAsStream(WEBJAR)) {
            if (in == null) {
                throw new IllegalStateException("the Swagger UI webjar is missing (" + WEBJAR + ")");
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
