package fr.passerelle.hub.intake;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * @param maxJsonSize largest JSON body accepted over REST; larger ones are refused before being parsed
 * @param chunkSize   records of a file accepted in one transaction (docs/benchmarks.md); 1 = one transaction a record
 * @param workers     threads sharing the chunks of one file, spread by record key; 1 = in file order
 */
@ConfigurationProperties("passerelle.intake")
record IntakeProperties(@DefaultValue("256KB") DataSize maxJsonSize, @DefaultValue("200") int chunkSize,
                        @DefaultValue("1") int workers) {
}
