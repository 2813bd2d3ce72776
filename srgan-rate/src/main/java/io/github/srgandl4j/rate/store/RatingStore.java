package io.github.srgandl4j.rate.store;

import io.github.srgandl4j.rate.study.StudyFolder;
import io.github.srgandl4j.rate.study.StudyImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteConfig;

/**
 * The ratings of a study in an SQLite database, written as they are given.
 *
 * <p>Every change is one transaction, committed before the call returns (WAL journal,
 * {@code synchronous=FULL}): a crash or a restart loses no stored rating. A rater's order of items
 * (calibration first, then the study, each part shuffled by a per-rater seed) is stored when the
 * rater joins, so a resumed session sees the same order. The rating table's key is (rater, item),
 * so a second rating of an item can never be stored; calls are serialised, so two raters at once
 * never clash. Refused requests throw {@link RatingException} and change nothing.
 *
 * <p>The set of items is fixed when the database is created: opening it on a study folder whose
 * methods or images have changed fails, naming the difference.
 */
public final class RatingStore implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RatingStore.class);
    private static final String CALIBRATION = "calibration";
    private static final String STUDY = "study";
    private static final String ID_CHARS = "abcdefghjkmnpqrstuvwxyz23456789";
    private static final int MAX_NAME = 40;

    private final Connection db;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, Path> files = new HashMap<>();

    private RatingStore(Connection db) {
        this.db = db;
    }

    /** Opens (creating if needed) the database of {@code study} for rating. */
    public static RatingStore open(StudyFolder study) throws IOException {
        RatingStore store = new RatingStore(connect(study.database(), false));
        try {
            store.createSchema();
            store.syncItems(study);
            return store;
        } catch (SQLException e) {
            store.close();
            throw new IOException(study.database() + ": " + e.getMessage(), e);
        } catch (IOException | RuntimeException e) {
            store.close();
            throw e;
        }
    }

    /** Opens an existing database read-only (for reports). */
    public static RatingStore openReadOnly(Path database) throws IOException {
        if (!Files.isRegularFile(database)) {
            throw new IOException(database + ": no ratings database (it is created when 'srgan rate' first serves the study)");
        }
        return new RatingStore(connect(database, true));
    }

    private static Connection connect(Path file, boolean readOnly) throws IOException {
        SQLiteConfig config = new SQLiteConfig();
        config.enforceForeignKeys(true);
        config.setBusyTimeout(10_000);
        if (readOnly) {
            config.setReadOnly(true);
        } else {
            config.setJournalMode(SQLiteConfig.JournalMode.WAL);
            config.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
        }
        try {
            return DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath(), config.toProperties());
        } catch (SQLException e) {
            throw new IOException(file + ": cannot open the ratings database: " + e.getMessage(), e);
        }
    }

    private void createSchema() throws SQLException {
        try (Statement s = db.createStatement()) {
            s.executeUpdate("CREATE TABLE IF NOT EXISTS item(id TEXT PRIMARY KEY, part TEXT NOT NULL "
                    + "CHECK(part IN ('calibration','study')), method TEXT NOT NULL, image TEXT NOT NULL, anchor INTEGER, "
                    + "UNIQUE(part, method, image))");
            s.executeUpdate("CREATE TABLE IF NOT EXISTS rater(id TEXT PRIMARY KEY, name TEXT NOT NULL UNIQUE, "
                    + "seed INTEGER NOT NULL, created TEXT NOT NULL)");
            s.executeUpdate("CREATE TABLE IF NOT EXISTS rater_order(rater TEXT NOT NULL REFERENCES rater(id), "
                    + "position INTEGER NOT NULL, item TEXT NOT NULL REFERENCES item(id), PRIMARY KEY(rater, position), "
                    + "UNIQUE(rater, item))");
            s.executeUpdate("CREATE TABLE IF NOT EXISTS rating(rater TEXT NOT NULL REFERENCES rater(id), "
                    + "item TEXT NOT NULL REFERENCES item(id), score INTEGER NOT NULL CHECK(score BETWEEN 1 AND 5), "
                    + "rated_at TEXT NOT NULL, PRIMARY KEY(rater, item))");
        }
    }

    private synchronized void syncItems(StudyFolder study) throws SQLException, IOException {
        Map<String, StudyImage> wanted = new HashMap<>();
        for (StudyImage i : study.calibration()) {
            wanted.put(CALIBRATION + ":" + i.key(), i);
        }
        for (StudyImage i : study.rated()) {
            wanted.put(STUDY + ":" + i.key(), i);
        }
        Map<String, String> stored = new HashMap<>();
        try (Statement s = db.createStatement(); ResultSet r = s.executeQuery("SELECT id, part, method, image FROM item")) {
            while (r.next()) {
                stored.put(r.getString(2) + ":" + r.getString(3) + "/" + r.getString(4), r.getString(1));
            }
        }
        if (stored.isEmpty()) {
            inTransaction(() -> {
                try (PreparedStatement ins = db.prepareStatement(
                        "INSERT INTO item(id, part, method, image, anchor) VALUES (?, ?, ?, ?, ?)")) {
                    for (StudyImage i : study.calibration()) {
                        insertItem(ins, CALIBRATION, i, StudyFolder.anchorScore(i.method()));
                    }
                    for (StudyImage i : study.rated()) {
                        insertItem(ins, STUDY, i, null);
                    }
                }
            });
            LOG.info("{}: new study of {} rated and {} calibration items", study.database(), study.rated().size(),
                    study.calibration().size());
            stored.clear();
            try (Statement s = db.createStatement();
                    ResultSet r = s.executeQuery("SELECT id, part, method, image FROM item")) {
                while (r.next()) {
                    stored.put(r.getString(2) + ":" + r.getString(3) + "/" + r.getString(4), r.getString(1));
                }
            }
        }
        TreeSet<String> added = new TreeSet<>(wanted.keySet());
        added.removeAll(stored.keySet());
        TreeSet<String> gone = new TreeSet<>(stored.keySet());
        gone.removeAll(wanted.keySet());
        if (!added.isEmpty() || !gone.isEmpty()) {
            throw new IOException(study.database() + ": the study folder " + study.root()
                    + " no longer matches the study stored in the database ("
                    + (added.isEmpty() ? "" : "new: " + String.join(", ", added.stream().limit(5).toList()) + "; ")
                    + (gone.isEmpty() ? "" : "missing: " + String.join(", ", gone.stream().limit(5).toList()))
                    + "). A study's images are fixed when it starts: restore the folder, or start a new study folder");
        }
        for (var e : stored.entrySet()) {
            files.put(e.getValue(), wanted.get(e.getKey()).file());
        }
    }

    private void insertItem(PreparedStatement ins, String part, StudyImage i, Integer anchor) throws SQLException {
        ins.setString(1, newId(12));
        ins.setString(2, part);
        ins.setString(3, i.method());
        ins.setString(4, i.image());
        if (anchor == null) {
            ins.setNull(5, java.sql.Types.INTEGER);
        } else {
            ins.setInt(5, anchor);
        }
        ins.executeUpdate();
    }

    /**
     * A rater joins or resumes: {@code nameOrId} is an existing rater's id or name (resume), a new
     * name (a new rater), or empty (a new rater named by its generated id).
     */
    public synchronized Rater join(String nameOrId) throws RatingException, IOException {
        String name = nameOrId == null ? "" : nameOrId.strip();
        if (name.length() > MAX_NAME) {
            throw RatingException.badRequest("name too long (" + name.length() + " characters, at most " + MAX_NAME + ")");
        }
        for (int i = 0; i < name.length(); i++) {
            if (Character.isISOControl(name.charAt(i))) {
                throw RatingException.badRequest("name holds a control character");
            }
        }
        try {
            if (!name.isEmpty()) {
                try (PreparedStatement q = db.prepareStatement("SELECT id, name FROM rater WHERE id = ? OR name = ?")) {
                    q.setString(1, name);
                    q.setString(2, name);
                    try (ResultSet r = q.executeQuery()) {
                        if (r.next()) {
                            return new Rater(r.getString(1), r.getString(2), false);
                        }
                    }
                }
            }
            String id = "r" + newId(7);
            String finalName = name.isEmpty() ? id : name;
            long seed = random.nextLong();
            inTransaction(() -> {
                try (PreparedStatement ins = db.prepareStatement(
                        "INSERT INTO rater(id, name, seed, created) VALUES (?, ?, ?, ?)")) {
                    ins.setString(1, id);
                    ins.setString(2, finalName);
                    ins.setLong(3, seed);
                    ins.setString(4, Instant.now().toString());
                    ins.executeUpdate();
                }
                List<String> order = new ArrayList<>(shuffled(itemIds(CALIBRATION), seed));
                order.addAll(shuffled(itemIds(STUDY), ~seed));
                try (PreparedStatement ins = db.prepareStatement(
                        "INSERT INTO rater_order(rater, position, item) VALUES (?, ?, ?)")) {
                    for (int p = 0; p < order.size(); p++) {
                        ins.setString(1, id);
                        ins.setInt(2, p);
                        ins.setString(3, order.get(p));
                        ins.addBatch();
                    }
                    ins.executeBatch();
                }
            });
            LOG.info("new rater {} ({})", id, finalName);
            return new Rater(id, finalName, true);
        } catch (SQLException e) {
            throw new IOException("ratings database: " + e.getMessage(), e);
        }
    }

    /** Where {@code raterId} stands. */
    public synchronized NextItem next(String raterId) throws RatingException, IOException {
        try {
            requireRater(raterId);
            return nextOf(raterId);
        } catch (SQLException e) {
            throw new IOException("ratings database: " + e.getMessage(), e);
        }
    }

    /**
     * Stores a rating and returns where the rater stands after it.
     *
     * @throws RatingException 404 for an unknown rater or an item not in the study, 400 for a score
     *     outside 1-5 or a calibration score other than the anchor's, 409 for an item already rated
     *     or a study item before the calibration is finished
     */
    public synchronized NextItem rate(String raterId, String itemId, int score) throws RatingException, IOException {
        try {
            requireRater(raterId);
            if (score < 1 || score > 5) {
                throw RatingException.badRequest("score must be an integer from 1 to 5, got " + score);
            }
            String part;
            Integer anchor;
            try (PreparedStatement q = db.prepareStatement("SELECT part, anchor FROM item WHERE id = ?")) {
                q.setString(1, itemId);
                try (ResultSet r = q.executeQuery()) {
                    if (!r.next()) {
                        throw RatingException.notFound("item '" + itemId + "' is not in this study");
                    }
                    part = r.getString(1);
                    int a = r.getInt(2);
                    anchor = r.wasNull() ? null : a;
                }
            }
            try (PreparedStatement q = db.prepareStatement("SELECT score FROM rating WHERE rater = ? AND item = ?")) {
                q.setString(1, raterId);
                q.setString(2, itemId);
                try (ResultSet r = q.executeQuery()) {
                    if (r.next()) {
                        throw RatingException.conflict("item '" + itemId + "' is already rated by this rater (score "
                                + r.getInt(1) + "); a rating cannot be changed");
                    }
                }
            }
            if (CALIBRATION.equals(part)) {
                if (anchor != score) {
                    throw RatingException.badRequest("calibration item '" + itemId + "' is the reference for score "
                            + anchor + ", got " + score);
                }
            } else {
                NextItem now = nextOf(raterId);
                if (now.phase() == NextItem.Phase.CALIBRATION) {
                    throw RatingException.conflict("calibration not finished (" + (now.position() - 1) + " of "
                            + now.calibrationTotal() + " done); rate the calibration images first");
                }
            }
            inTransaction(() -> {
                try (PreparedStatement ins = db.prepareStatement(
                        "INSERT INTO rating(rater, item, score, rated_at) VALUES (?, ?, ?, ?)")) {
                    ins.setString(1, raterId);
                    ins.setString(2, itemId);
                    ins.setInt(3, score);
                    ins.setString(4, Instant.now().toString());
                    ins.executeUpdate();
                }
            });
            return nextOf(raterId);
        } catch (SQLException e) {
            throw new IOException("ratings database: " + e.getMessage(), e);
        }
    }

    /** The image file of an item, if the item exists (only for a store opened on a study folder). */
    public Optional<Path> imageFile(String itemId) {
        synchronized (this) {
            return Optional.ofNullable(files.get(itemId));
        }
    }

    /** Every stored rating, calibration and study, ordered by rater and time. */
    public synchronized List<RatingRecord> ratings() throws IOException {
        List<RatingRecord> out = new ArrayList<>();
        try (Statement s = db.createStatement();
                ResultSet r = s.executeQuery("SELECT g.rater, r.name, i.part, i.method, i.image, g.item, g.score, "
                        + "g.rated_at FROM rating g JOIN rater r ON r.id = g.rater JOIN item i ON i.id = g.item "
                        + "ORDER BY r.created, g.rater, g.rated_at, i.part, i.method, i.image")) {
            while (r.next()) {
                out.add(new RatingRecord(r.getString(1), r.getString(2), r.getString(3), r.getString(4), r.getString(5),
                        r.getString(6), r.getInt(7), r.getString(8)));
            }
        } catch (SQLException e) {
            throw new IOException("ratings database: " + e.getMessage(), e);
        }
        return out;
    }

    /** The rated methods stored in the database, sorted. */
    public synchronized List<String> methods() throws IOException {
        List<String> out = new ArrayList<>();
        try (Statement s = db.createStatement();
                ResultSet r = s.executeQuery("SELECT DISTINCT method FROM item WHERE part = 'study' ORDER BY method")) {
            while (r.next()) {
                out.add(r.getString(1));
            }
        } catch (SQLException e) {
            throw new IOException("ratings database: " + e.getMessage(), e);
        }
        return out;
    }

    private NextItem nextOf(String raterId) throws SQLException {
        int calTotal = count("SELECT COUNT(*) FROM item WHERE part = 'calibration'");
        int studyTotal = count("SELECT COUNT(*) FROM item WHERE part = 'study'");
        int calDone;
        int studyDone;
        try (PreparedStatement q = db.prepareStatement("SELECT i.part, COUNT(*) FROM rating g JOIN item i ON i.id = g.item "
                + "WHERE g.rater = ? GROUP BY i.part")) {
            q.setString(1, raterId);
            Map<String, Integer> done = new HashMap<>();
            try (ResultSet r = q.executeQuery()) {
                while (r.next()) {
                    done.put(r.getString(1), r.getInt(2));
                }
            }
            calDone = done.getOrDefault(CALIBRATION, 0);
            studyDone = done.getOrDefault(STUDY, 0);
        }
        try (PreparedStatement q = db.prepareStatement("SELECT o.item, i.part, i.anchor FROM rater_order o "
                + "JOIN item i ON i.id = o.item WHERE o.rater = ? AND NOT EXISTS "
                + "(SELECT 1 FROM rating g WHERE g.rater = o.rater AND g.item = o.item) ORDER BY o.position LIMIT 1")) {
            q.setString(1, raterId);
            try (ResultSet r = q.executeQuery()) {
                if (!r.next()) {
                    return new NextItem(NextItem.Phase.DONE, null, null, 0, calTotal, studyTotal, studyDone);
                }
                boolean cal = CALIBRATION.equals(r.getString(2));
                int anchor = r.getInt(3);
                return cal
                        ? new NextItem(NextItem.Phase.CALIBRATION, r.getString(1), anchor, calDone + 1, calTotal,
                                studyTotal, studyDone)
                        : new NextItem(NextItem.Phase.STUDY, r.getString(1), null, studyDone + 1, calTotal, studyTotal,
                                studyDone);
            }
        }
    }

    private void requireRater(String raterId) throws SQLException, RatingException {
        if (raterId == null || raterId.isEmpty()) {
            throw RatingException.badRequest("no rater id given");
        }
        try (PreparedStatement q = db.prepareStatement("SELECT 1 FROM rater WHERE id = ?")) {
            q.setString(1, raterId);
            try (ResultSet r = q.executeQuery()) {
                if (!r.next()) {
                    throw RatingException.notFound("unknown rater '" + raterId + "'");
                }
            }
        }
    }

    private List<String> itemIds(String part) throws SQLException {
        List<String> ids = new ArrayList<>();
        try (PreparedStatement q = db.prepareStatement("SELECT id FROM item WHERE part = ? ORDER BY id")) {
            q.setString(1, part);
            try (ResultSet r = q.executeQuery()) {
                while (r.next()) {
                    ids.add(r.getString(1));
                }
            }
        }
        return ids;
    }

    /** Fisher-Yates shuffle driven by {@code seed}. */
    static List<String> shuffled(List<String> ids, long seed) {
        List<String> out = new ArrayList<>(ids);
        SplittableRandom rnd = new SplittableRandom(seed);
        for (int i = out.size() - 1; i > 0; i--) {
            int j = rnd.nextInt(i + 1);
            String t = out.get(i);
            out.set(i, out.get(j));
            out.set(j, t);
        }
        return out;
    }

    private int count(String sql) throws SQLException {
        try (Statement s = db.createStatement(); ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getInt(1);
        }
    }

    private String newId(int length) {
        StringBuilder b = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            b.append(ID_CHARS.charAt(random.nextInt(ID_CHARS.length())));
        }
        return b.toString();
    }

    @FunctionalInterface
    private interface SqlWork {
        void run() throws SQLException;
    }

    private void inTransaction(SqlWork work) throws SQLException {
        db.setAutoCommit(false);
        try {
            work.run();
            db.commit();
        } catch (SQLException | RuntimeException e) {
            db.rollback();
            throw e;
        } finally {
            db.setAutoCommit(true);
        }
    }

    @Override
    public synchronized void close() throws IOException {
        try {
            db.close();
        } catch (SQLException e) {
            throw new IOException("ratings database: " + e.getMessage(), e);
        }
    }
}
