package ledger.api.http.security;

import org.apache.catalina.Container;
import org.apache.catalina.Valve;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;

/**
 * Tomcat answers some requests itself, before any filter runs (an invalid character in the URL, a
 * malformed header): its error report then carries the same security headers as every other
 * answer. Boot's error report valve (no report, no server info) is replaced by one that adds them.
 */
@Component
class ContainerErrorHeaders implements WebServerFactoryCustomizer<TomcatServletWebServerFactory>, Ordered {

    /** The same values Spring Security writes on every answer of the service (SecurityConfiguration). */
    static final String CONTENT_SECURITY_POLICY = "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'";

    @Override
    public void customize(TomcatServletWebServerFactory factory) {
        factory.addContextCustomizers(context -> {
            Container host = context.getParent();
            for (Valve valve : host.getPipeline().getValves()) {
                if (valve instanceof ErrorReportValve && !(valve instanceof HeaderWritingErrorReportValve)) {
                    host.getPipeline().removeValve(valve);
                }
            }
            if (host instanceof StandardHost standard) {
                standard.setErrorReportValveClass(HeaderWritingErrorReportValve.class.getName());
            }
            HeaderWritingErrorReportValve valve = new HeaderWritingErrorReportValve();
            valve.setShowReport(false);
            valve.setShowServerInfo(false);
            host.getPipeline().addValve(valve);
        });
    }

    @Override
    public int getOrder() {
        // after Boot's own customizer, whose valve this replaces
        return Ordered.LOWEST_PRECEDENCE;
    }

    /** Tomcat's error report with the service's security headers. */
    public static class HeaderWritingErrorReportValve extends ErrorReportValve {

        @Override
        protected void report(Request request, Response response, Throwable throwable) {
            if (!response.isCommitted()) {
                response.setHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY);
                response.setHeader("X-Content-Type-Options", "nosniff");
                response.setHeader("X-Frame-Options", "DENY");
                response.setHeader("Referrer-Policy", "no-referrer");
                response.setHeader("Cache-Control", "no-cache, no-store, max-age=0, must-revalidate");
            }
            super.report(request, response, throwable);
        }
    }
}
