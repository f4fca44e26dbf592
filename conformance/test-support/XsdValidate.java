// Validates XML files against an XSD with the JDK's own validator (javax.xml.validation), so the
// tests can check the JUnit report against conformance/junit.xsd without a library.
// Run as a single-file program (JDK 11+): java XsdValidate.java schema.xsd a.xml [b.xml …]
// Exit 0 when every file is valid; otherwise 1, with "file:line:column: message" on stderr.
import java.io.File;
import javax.xml.XMLConstants;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.SchemaFactory;
import javax.xml.validation.Validator;
import org.xml.sax.SAXParseException;

public class XsdValidate {
  public static void main(String[] args) throws Exception {
    SchemaFactory factory = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI);
    Validator validator = factory.newSchema(new File(args[0])).newValidator();
    int invalid = 0;
    for (int i = 1; i < args.length; i++) {
      try {
        validator.validate(new StreamSource(new File(args[i])));
      } catch (SAXParseException e) {
        invalid++;
        System.err.println(
            args[i] + ":" + e.getLineNumber() + ":" + e.getColumnNumber() + ": " + e.getMessage());
      }
    }
    System.exit(invalid == 0 ? 0 : 1);
  }
}
