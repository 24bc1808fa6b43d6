package dev.manabi.lrs;

import dev.manabi.xapi.XapiVersion;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;

/** The About Resource (xAPI 2.0 Part Three 2.8): the versions this LRS speaks; no credentials needed. */
@Path("/about")
public class AboutResource {

    @GET
    public Response about() {
        var about = LrsJson.mapper().createObjectNode();
        var versions = about.putArray("version");
        XapiVersion.labels().forEach(versions::add);
        about.putObject("extensions");
        return Response.ok(about.toString(), LrsMediaTypes.JSON).build();
    }
}
