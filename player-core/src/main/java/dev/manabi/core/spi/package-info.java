/**
 * Service provider interfaces of the platform that content modules implement, discovered as CDI beans. Kept apart
 * from the platform's own classes so a module's dependency on the platform is visibly narrow.
 */
package dev.manabi.core.spi;
