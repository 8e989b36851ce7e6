package io.verilock.engine.document;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The parser on the ICAO 9303 example zones (part 4-6 specimens) and on OCR confusions of them. */
class MrzParserTest {
    private final MrzParser parser = new MrzParser(LocalDate.of(2026, 12, 4));

    @Test
    void td3PassportEveryFieldAndCheckDigit() {
        Mrz m = parser.parse(List.of("P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<", "L898902C36UTO7408122F1204159ZE184226B<<<<<10"));
        assertThat(m.format()).isEqualTo(MrzFormat.TD3);
        assertThat(m.fields()).containsEntry("document_type", "P").containsEntry("issuing_country", "UTO")
                .containsEntry("surname", "ERIKSSON").containsEntry("given_names", "ANNA MARIA")
                .containsEntry("document_number", "L898902C3").containsEntry("nationality", "UTO")
                .containsEntry("birth_date", "1974-08-12").containsEntry("sex", "F")
                .containsEntry("expiry_date", "2012-04-15").containsEntry("personal_number", "ZE184226B");
        assertThat(m.checkDigits()).containsOnlyKeys("document_number", "birth_date", "expiry_date", "personal_number", "composite");
        assertThat(m.checkDigits().values()).containsOnly(true);
        assertThat(m.valid()).isTrue();
        assertThat(m.corrections()).isEmpty();
    }

    @Test
    void td1CardAndTd2AndVisas() {
        Mrz td1 = parser.parse(List.of("I<UTOD231458907<<<<<<<<<<<<<<<", "7408122F1204159UTO<<<<<<<<<<<6", "ERIKSSON<<ANNA<MARIA<<<<<<<<<<"));
        assertThat(td1.format()).isEqualTo(MrzFormat.TD1);
        assertThat(td1.fields()).containsEntry("document_number", "D23145890").containsEntry("surname", "ERIKSSON")
                .containsEntry("personal_number", null);
        assertThat(td1.checkDigits()).containsEntry("personal_number", null).containsEntry("composite", true);
        assertThat(td1.valid()).isTrue();

        Mrz td2 = parser.parse(List.of("I<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<", "D231458907UTO7408122F1204159<<<<<<<6"));
        assertThat(td2.format()).isEqualTo(MrzFormat.TD2);
        assertThat(td2.valid()).isTrue();

        Mrz mrva = parser.parse(List.of("V<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<", "L8988901C4XXX4009078F96121096ZE184226B<<<<<<"));
        assertThat(mrva.format()).isEqualTo(MrzFormat.MRVA);
        assertThat(mrva.checkDigits()).containsEntry("composite", null).containsEntry("personal_number", null);
        assertThat(mrva.fields()).containsEntry("birth_date", "1940-09-07").containsEntry("expiry_date", "1996-12-10");
        assertThat(mrva.valid()).isTrue();

        Mrz mrvb = parser.parse(List.of("V<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<", "L8988901C4XXX4009078F9612109<<<<<<<<"));
        assertThat(mrvb.format()).isEqualTo(MrzFormat.MRVB);
        assertThat(mrvb.valid()).isTrue();
    }

    @Test
    void checkDigitsChooseBetweenOcrAlternativesAndSayWhichCharactersChanged() {
        // OCR read the number's 0 as O, the date's 1 as I, two fillers as K and the rest of the names as noise
        Mrz m = parser.parse(List.of("P<UTOERIKSSON<<ANNA<MARIA<K<<<<<<<<<KKEKK<<<", "L898902C36UTO74O8I22F1204159ZE184226B<<<<<10"));
        assertThat(m.lines()).containsExactly("P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<", "L898902C36UTO7408122F1204159ZE184226B<<<<<10");
        assertThat(m.valid()).isTrue();
        assertThat(m.corrections()).anyMatch(c -> c.startsWith("line 2 col 16: O->0"))
                .anyMatch(c -> c.startsWith("line 2 col 18: I->1"));

        Mrz number = parser.parse(List.of("I<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<", "D23I458907UTO7408122F1204159<<<<<<<6"));
        assertThat(number.fields()).containsEntry("document_number", "D23145890");
        assertThat(number.corrections()).containsExactly("line 2 col 4: I->1 (document_number check digit)");
    }

    @Test
    void wrongCheckDigitsAreReportedNotHidden() {
        Mrz m = parser.parse(List.of("P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<", "L898902C36UTO7408122F1204158ZE184226B<<<<<10"));
        assertThat(m.checkDigits()).containsEntry("expiry_date", false).containsEntry("composite", false)
                .containsEntry("document_number", true);
        assertThat(m.valid()).isFalse();
        assertThat(parser.parse(List.of("NOT AN MRZ"))).isNull();
    }
}
