package cn.gov.ledger.projections.balance;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.function.Function;

/** Binds a column of rows as one array parameter, for the statements that write a batch in one execution. */
final class ArrayParameters {

    private ArrayParameters() {
    }

    /** Binds one column of {@code rows} as an array parameter of type {@code type}. */
    static <T> void bind(Connection c, PreparedStatement statement, int index, String type, List<T> rows,
                         Function<T, Object> column) throws SQLException {
        Object[] values = new Object[rows.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = column.apply(rows.get(i));
        }
        statement.setArray(index, c.createArrayOf(type, values));
    }
}
