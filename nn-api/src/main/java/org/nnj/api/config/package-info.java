/** {@link org.nnj.api.config.Config}: the plain key/value settings every plugin is built from and saved with. */
package org.nnj.api.config;
