package dev.manabi.core;

import com.fasterxml.jackson.annotation.JsonInclude;

/** The body of every error the SDK's API returns. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ApiError(int status, String code, String message, Object details) {
}
