package fr.passerelle.hub.testsupport;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/**
 * A zip bomb shaped as a genuine workbook: every part a real one, except the sheet, whose XML is padded with
 * {@code megabytes} MB of blanks between its tags — a few hundred KB once compressed. Only inflating it reveals it.
 */
public final class InflatingWorkbook {

    private InflatingWorkbook() {
    }

    public static byte[] of(String sheetName, int megabytes) throws IOException {
        byte[] genuine;
        try (XSSFWorkbook workbook = new XSSFWorkbook()) {
            workbook.createSheet(sheetName).createRow(0).createCell(0).setCellValue("Nom");
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            workbook.write(out);
            genuine = out.toByteArray();
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(genuine));
             ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                zip.putNextEntry(new ZipEntry(entry.getName()));
                if (entry.getName().equals("xl/worksheets/sheet1.xml")) {
                    zip.write(("<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">"
                            + "<sheetData>").getBytes(StandardCharsets.UTF_8));
                    byte[] blanks = new byte[1024 * 1024];
                    Arrays.fill(blanks, (byte) ' ');
                    for (int i = 0; i < megabytes; i++) {
                        zip.write(blanks);
                    }
                    zip.write("</sheetData></worksheet>".getBytes(StandardCharsets.UTF_8));
                } else {
                    in.transferTo(zip);
                }
                zip.closeEntry();
            }
        }
        return bytes.toByteArray();
    }
}
