// Prints java.util.HashSet<String> iteration orders for zksim's unit-test expectations
// (core/java_hash_set.h). Not part of the build: run it by hand with a JDK, e.g.
//   java --add-opens java.base/java.util=ALL-UNNAMED tools/java_hash_set_order/HashSetOrder.java < script
// The script has one command a line: "add PATH", "remove PATH", "clone" (the set becomes
// its HashSet.clone(), as DataTree.getEphemerals returns it), "print" (the iteration
// order, then the table length read by reflection), "reset" (a new empty set), "hash TEXT"
// (TEXT's String.hashCode), "hexhash HEX" (the hashCode of new String(bytes, UTF_8) for the
// bytes written in hex, malformed UTF-8 included).
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HashSet;

public class HashSetOrder {
  static int tableLength(HashSet<String> set) throws Exception {
    Field mapField = HashSet.class.getDeclaredField("map");
    mapField.setAccessible(true);
    HashMap<?, ?> map = (HashMap<?, ?>) mapField.get(set);
    Field tableField = HashMap.class.getDeclaredField("table");
    tableField.setAccessible(true);
    Object[] table = (Object[]) tableField.get(map);
    return table == null ? 0 : table.length;
  }

  @SuppressWarnings("unchecked")
  public static void main(String[] args) throws Exception {
    BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    HashSet<String> set = new HashSet<>();
    for (String line = in.readLine(); line != null; line = in.readLine()) {
      if (line.startsWith("add ")) {
        set.add(line.substring(4));
      } else if (line.startsWith("remove ")) {
        set.remove(line.substring(7));
      } else if (line.equals("clone")) {
        set = (HashSet<String>) set.clone();
      } else if (line.equals("reset")) {
        set = new HashSet<>();
      } else if (line.equals("print")) {
        System.out.println(String.join(" ", set) + " | " + tableLength(set));
      } else if (line.startsWith("hash ")) {
        System.out.println(line.substring(5).hashCode());
      } else if (line.startsWith("hexhash ")) {
        String hex = line.substring(8);
        byte[] bytes = new byte[hex.length() / 2];
        for (int i = 0; i < bytes.length; i++) {
          bytes[i] = (byte) Integer.parseInt(hex.substring(2 * i, 2 * i + 2), 16);
        }
        System.out.println(new String(bytes, StandardCharsets.UTF_8).hashCode());
      }
    }
  }
}
