package dev.manabi.samplehost;

import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;

/** The root address, where the sign-in form posts to (the mechanism has authenticated by then), and sign-out. */
final class SessionServlets {

    private SessionServlets() {
    }

    /** Only local paths are followed, so the sign-in page cannot be abused as an open redirect. */
    static String safeNext(HttpServletRequest request) {
        String next = request.getParameter("next");
        if (next == null || !next.startsWith("/") || next.startsWith("//") || next.contains("\\")) {
            return request.getContextPath() + "/index.html";
        }
        return next;
    }

    /**
     * The portal's root address opens the catalog through its protected URL: Liberty serves a welcome file for
     * {@code /} without applying the page's security constraint, so {@code /} would show an empty catalog shell.
     * The empty pattern maps exactly the context root (Servlet 6.0 section 12.2).
     */
    @WebServlet("")
    public static class Root extends HttpServlet {
        private static final long serialVersionUID = 1L;

        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
            response.sendRedirect(request.getContextPath() + "/index.html");
        }
    }

    @WebServlet("/login")
    public static class Login extends HttpServlet {
        private static final long serialVersionUID = 1L;

        @Override
        protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
            if (request.getUserPrincipal() == null) {
                response.sendRedirect(request.getContextPath() + "/login.html?error=1");
                return;
            }
            response.sendRedirect(safeNext(request));
        }
    }

    @WebServlet("/logout")
    public static class Logout extends HttpServlet {
        private static final long serialVersionUID = 1L;

        @Override
        protected void doPost(HttpServletRequest request, HttpServletResponse response)
                throws IOException, ServletException {
            request.logout();
            HttpSession session = request.getSession(false);
            if (session != null) {
                session.invalidate();
            }
            response.sendRedirect(request.getContextPath() + "/login.html");
        }

        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response)
                throws IOException, ServletException {
            doPost(request, response);
        }
    }
}
