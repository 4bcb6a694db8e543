package fr.passerelle.hub.mapping;

import java.nio.charset.Charset;
import java.util.List;

/**
 * How a tabular payload was written, so that its reject report can be written the same way.
 *
 * @param header        the header cells as the sender wrote them
 * @param charset       the charset the payload was decoded with (UTF-8 for workbooks)
 * @param byteOrderMark whether the payload started with a UTF-8 byte order mark
 */
public record TabularLayout(List<String> header, Charset charset, boolean byteOrderMark) {

    public TabularLayout {
        header = List.copyOf(header);
    }
}
