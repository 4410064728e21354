// Validates an RDF file against SHACL shapes with Apache Jena and prints the outcome in a form a
// test can compare with pyshacl: "conforms=true|false", then one sorted line per
// (focus node, path) that failed. Run: java -cp 'tests/jena/lib/*' tests/jena/ShaclValidate.java SHAPES DATA
import java.util.TreeSet;
import org.apache.jena.graph.Graph;
import org.apache.jena.riot.RDFDataMgr;
import org.apache.jena.shacl.ShaclValidator;
import org.apache.jena.shacl.Shapes;
import org.apache.jena.shacl.ValidationReport;
import org.apache.jena.shacl.validation.ReportEntry;

public class ShaclValidate {
    public static void main(String[] args) {
        Graph shapesGraph = RDFDataMgr.loadGraph(args[0]);
        Graph data = RDFDataMgr.loadGraph(args[1]);
        ValidationReport report = ShaclValidator.get().validate(Shapes.parse(shapesGraph), data);
        System.out.println("conforms=" + report.conforms());
        TreeSet<String> lines = new TreeSet<>();
        for (ReportEntry entry : report.getEntries()) {
            String path = entry.resultPath() == null ? "-" : entry.resultPath().toString();
            lines.add(entry.focusNode().getURI() + " " + path.replaceAll("^<|>$", ""));
        }
        lines.forEach(System.out::println);
    }
}
