-- A population of attendees for the search tests and the bench (issue 7): not a
-- migration and not a test of its own (tests/run.sh runs only tests/db/[0-9]*.sql).
-- Loaded by the superuser with \i; it defines
--
--   pg_temp.populate(org, event, n, other_org, other_event, other_n)
--
-- which adds n attendees to org (the planted people below among them) and other_n to
-- other_org (with a namesake of every planted person: same name, same phone, an e-mail
-- that differs only in its domain, so a search leaking across organisations shows),
-- plus orders for about a third of them on the given events. Returns what it made.
--
-- Deterministic: every choice is a slice of md5(seed || row number), ids included, so
-- two runs make the same people with the same ids, and no now(): order times count
-- back from a fixed date. Bulk rows go in with row triggers off (audit, foreign-key
-- checks, statistics deltas); the caller is the superuser of a throwaway database.
--
-- Realistic on purpose: names are drawn from common English, Irish, Scottish, Welsh,
-- Polish, South and East Asian, African, Southern and Western European and Arabic
-- first names and surnames, commonest first and picked with a skew (the first of each
-- list is picked most often), so thousands of people share a first name or a surname
-- and many share both; near spellings (Sullivan / O'Sullivan, McDonald / MacDonald,
-- Lefebvre, Wojcik) sit next to the planted people's. E-mails are made from the
-- names in the usual shapes (first.last, flast, first_last, last.first, first + year,
-- a number when taken) at common providers; phones in UK, Irish, Polish and French
-- shapes, as people write them, some missing.
--
-- The planted people (ids f0000000-0000-4000-8000-0000000000NN in org; the namesakes
-- in other_org end in 1NN). Nobody else in org has exactly their name.

CREATE FUNCTION pg_temp.population_planted()
RETURNS TABLE (k integer, full_name text, email text, phone text)
LANGUAGE sql IMMUTABLE AS $$
  VALUES (1, 'Siobhan O''Sullivan', 'siobhan.osullivan@eircom.net', '+353 87 234 5671'),
         (2, 'Krzysztof Wojciechowski', 'k.wojciechowski@wp.pl', '+48 601 234 567'),
         (3, 'Aoife Byrne', 'aoife@byrne-dental.ie', '087 765 4321'),
         (4, 'Chloé Lefèvre', 'chloe.lefevre@orange.fr', '+33 6 12 34 56 78'),
         (5, 'Oluwaseun Adebayo-Johnson', 'seun.aj@gmail.com', '07911 123456'),
         (6, 'Xiaoming Zhang', 'xmzhang@163.com', '+44 20 7946 0321'),
         (7, 'Mohammed Al-Farsi', 'm.alfarsi@outlook.com', '07700 900461'),
         (8, 'Catherine MacDonald', 'cathy.macdonald@btinternet.com', '0131 496 0742')
$$;

CREATE FUNCTION pg_temp.population_id(p_kind text, p_key text) RETURNS uuid
LANGUAGE sql IMMUTABLE AS $$
  -- an md5 shaped as a version-4 uuid
  SELECT (substr(h, 1, 12) || '4' || substr(h, 14, 3) || '8' || substr(h, 18, 15))::uuid
    FROM md5(p_kind || ':' || p_key) h
$$;

CREATE FUNCTION pg_temp.populate(p_org uuid, p_event uuid, p_n integer,
                                 p_other_org uuid, p_other_event uuid, p_other_n integer)
RETURNS TABLE (organization_id uuid, people bigint, distinct_names bigint, with_phone bigint,
               orders bigint)
LANGUAGE plpgsql SET search_path = public, ext, pg_temp
-- bulk rows: no row triggers; sorts and index builds in memory (all undone on return)
SET session_replication_role = replica SET work_mem = '64MB' SET maintenance_work_mem = '256MB' AS $$
DECLARE
  -- commonest first within each group; the skewed pick favours the front of the list
  v_first text[] := ARRAY[
    'James', 'Mary', 'John', 'Sarah', 'David', 'Emma', 'Michael', 'Olivia', 'Daniel', 'Sophie',
    'Thomas', 'Jessica', 'William', 'Emily', 'Robert', 'Charlotte', 'Richard', 'Hannah',
    'Mohammed', 'Laura', 'Christopher', 'Rebecca', 'Matthew', 'Lucy', 'Andrew', 'Katie', 'Joseph',
    'Amy', 'Peter', 'Rachel', 'Paul', 'Claire', 'Mark', 'Jennifer', 'Stephen', 'Elizabeth',
    'George', 'Margaret', 'Jack', 'Anne', 'Oliver', 'Helen', 'Harry', 'Susan', 'Samuel',
    'Catherine', 'Benjamin', 'Victoria', 'Jonathan', 'Alice', 'Edward', 'Grace', 'Alexander',
    'Ellie', 'Luke', 'Megan', 'Adam', 'Chloe', 'Ryan', 'Jane', 'Liam', 'Karen', 'Nathan', 'Rose',
    'Simon', 'Zoe', 'Ian', 'Julie', 'Gary', 'Ruth', 'Kevin', 'Lisa', 'Martin', 'Kathryn',
    'Sean', 'Siobhan', 'Aoife', 'Niamh', 'Ciaran', 'Sinead', 'Padraig', 'Orla', 'Eoin', 'Aisling',
    'Cormac', 'Roisin', 'Declan', 'Caoimhe', 'Fionn', 'Saoirse', 'Rhys', 'Cerys', 'Dylan', 'Carys',
    'Angus', 'Eilidh', 'Hamish', 'Morag',
    'Krzysztof', 'Agnieszka', 'Piotr', 'Katarzyna', 'Tomasz', 'Magdalena', 'Wojciech', 'Małgorzata',
    'Paweł', 'Joanna', 'Marcin', 'Aleksandra', 'Jakub', 'Ewa', 'Łukasz', 'Zofia', 'Dmitri', 'Olga',
    'Ivan', 'Natalia',
    'Muhammad', 'Fatima', 'Ahmed', 'Aisha', 'Ali', 'Priya', 'Rahul', 'Anjali', 'Arjun', 'Deepa',
    'Sanjay', 'Sunita', 'Imran', 'Ayesha', 'Vikram', 'Nisha', 'Harpreet', 'Gurpreet',
    'Wei', 'Li', 'Jing', 'Xiaoling', 'Hui', 'Yan', 'Hiroshi', 'Yuki', 'Kenji', 'Sakura', 'Min-jun',
    'Ji-woo', 'Thanh', 'Linh', 'Minh', 'Trang',
    'Oluwaseyi', 'Chidi', 'Ngozi', 'Kwame', 'Ama', 'Abena', 'Tunde', 'Folake', 'Amara', 'Kofi',
    'José', 'María', 'Carlos', 'Lucía', 'Javier', 'Sofía', 'Miguel', 'Ana', 'João', 'Beatriz',
    'Giuseppe', 'Giulia', 'Marco', 'Francesca', 'Luca', 'Chiara', 'Pierre', 'Camille', 'Louis',
    'Chloé', 'Mathieu', 'Élodie', 'Hans', 'Anna', 'Lukas', 'Lena', 'Jürgen', 'Katrin',
    'Omar', 'Layla', 'Yusuf', 'Mariam', 'Hassan', 'Leila', 'Mehmet', 'Elif', 'Emre', 'Zeynep',
    'Nikos', 'Eleni', 'Georgios', 'Dimitra'];
  v_last text[] := ARRAY[
    'Smith', 'Jones', 'Williams', 'Taylor', 'Brown', 'Davies', 'Evans', 'Wilson', 'Thomas',
    'Johnson', 'Roberts', 'Robinson', 'Thompson', 'Wright', 'Walker', 'White', 'Edwards', 'Hughes',
    'Green', 'Hall', 'Lewis', 'Harris', 'Clarke', 'Patel', 'Jackson', 'Wood', 'Turner', 'Martin',
    'Cooper', 'Hill', 'Ward', 'Morris', 'Moore', 'Clark', 'Lee', 'King', 'Baker', 'Harrison',
    'Morgan', 'Allen', 'James', 'Scott', 'Phillips', 'Watson', 'Davis', 'Parker', 'Price',
    'Bennett', 'Young', 'Griffiths', 'Mitchell', 'Kelly', 'Cook', 'Carter', 'Richardson', 'Bailey',
    'Collins', 'Bell', 'Shaw', 'Miller', 'Cox', 'Richards', 'Khan', 'Marshall', 'Anderson',
    'Simpson', 'Ellis', 'Adams', 'Singh', 'Begum', 'Wilkinson', 'Foster', 'Chapman', 'Powell',
    'Webb', 'Rogers', 'Gray', 'Mason', 'Hunt', 'Hussain', 'Campbell', 'Matthews', 'Owen',
    'Palmer', 'Holmes', 'Mills', 'Barnes', 'Knight', 'Lloyd', 'Butler', 'Russell', 'Barker',
    'Fisher', 'Stevens', 'Jenkins', 'Murray', 'Dixon', 'Harvey', 'Thomson', 'Johnston',
    'Murphy', 'O''Brien', 'O''Sullivan', 'Sullivan', 'Byrne', 'Burns', 'Ryan', 'O''Connor', 'Walsh',
    'McCarthy', 'O''Neill', 'Doyle', 'Kennedy', 'Lynch', 'Gallagher', 'Doherty', 'Quinn',
    'McDonald', 'MacDonald', 'Macleod', 'Fraser', 'Stewart', 'McKenzie', 'O''Shea', 'Byers',
    'Nowak', 'Kowalski', 'Kowalska', 'Wiśniewski', 'Wójcik', 'Wojcik', 'Wojciechowska',
    'Kamiński', 'Lewandowski', 'Zieliński', 'Szymańska', 'Woźniak', 'Kozłowski', 'Jankowski',
    'Mazur', 'Krawczyk',
    'Sharma', 'Gupta', 'Kumar', 'Shah', 'Ahmed', 'Iqbal', 'Rahman', 'Chowdhury', 'Reddy', 'Nair',
    'Desai', 'Mehta', 'Kaur',
    'Wang', 'Li', 'Zhang', 'Liu', 'Chen', 'Yang', 'Huang', 'Zhao', 'Wu', 'Zhou', 'Nguyen', 'Tran',
    'Le', 'Pham', 'Kim', 'Park', 'Choi', 'Tanaka', 'Suzuki', 'Sato', 'Watanabe',
    'Okafor', 'Adeyemi', 'Adebayo', 'Mensah', 'Osei', 'Okonkwo', 'Boateng', 'Balogun',
    'García', 'Fernández', 'Rodríguez', 'López', 'Martínez', 'González', 'Silva', 'Santos',
    'Rossi', 'Russo', 'Ferrari', 'Esposito', 'Bianchi', 'Bernard', 'Dubois', 'Lefebvre', 'Moreau',
    'Müller', 'Schmidt', 'Schneider', 'Fischer', 'Weber', 'Meyer', 'Papadopoulos', 'Yilmaz',
    'Kaya', 'Demir', 'van der Berg', 'de Jong', 'Jansen', 'Haddad', 'Khoury', 'Mansour', 'Hassan',
    'Al-Sayed', 'Farsi'];
  v_domains text[] := ARRAY[
    'gmail.com', 'gmail.com', 'gmail.com', 'hotmail.com', 'hotmail.co.uk', 'outlook.com',
    'yahoo.co.uk', 'yahoo.com', 'icloud.com', 'btinternet.com', 'live.co.uk', 'sky.com',
    'proton.me', 'aol.com', 'virginmedia.com', 'eircom.net', 'wp.pl', 'orange.fr', 'gmx.de',
    'web.de', '163.com', 'qq.com', 'nhs.net', 'ed.ac.uk', 'lyricfriends.org.uk'];
  v_planted integer := (SELECT max(k) FROM pg_temp.population_planted());
  v_indexes text[];
  v_i integer;
  v_nf integer;
  v_nl integer;
BEGIN
  v_nf := cardinality(v_first);
  v_nl := cardinality(v_last);

  -- the lists as numbered rows: a join per pick, not an array copy per row
  CREATE TEMP TABLE population_first ON COMMIT DROP AS
  SELECT i::integer AS i, x AS name FROM unnest(v_first) WITH ORDINALITY u(x, i);
  CREATE TEMP TABLE population_last ON COMMIT DROP AS
  SELECT i::integer AS i, x AS name FROM unnest(v_last) WITH ORDINALITY u(x, i);
  CREATE TEMP TABLE population_domain ON COMMIT DROP AS
  SELECT i::integer - 1 AS i, x AS name FROM unnest(v_domains) WITH ORDINALITY u(x, i);

  -- n people of org (rows 1..n, the planted ones first) and other_n of other_org
  CREATE TEMP TABLE population_people ON COMMIT DROP AS
  WITH g AS MATERIALIZED (
    SELECT o.org, o.tag, g, md5(o.tag || ':' || g) AS h
      FROM (VALUES (p_org, 'a', p_n), (p_other_org, 'b', p_other_n)) o(org, tag, n),
           generate_series(1, o.n) g
  ), pick AS MATERIALIZED (
    SELECT g.*,
           -- u^1.6 on a uniform u in [0, 1): the front of each list is picked most often
           1 + floor(v_nf * power(('x' || substr(h, 1, 7))::bit(28)::integer / 268435456.0::float8, 1.6))::integer AS fi,
           1 + floor(v_nl * power(('x' || substr(h, 8, 7))::bit(28)::integer / 268435456.0::float8, 1.6))::integer AS li,
           ('x' || substr(h, 15, 7))::bit(28)::integer AS r1,
           ('x' || substr(h, 22, 7))::bit(28)::integer AS r2
      FROM g
  ), named AS (
    SELECT p.org, p.tag, p.g, p.r1, p.r2, f.name AS first,
           -- nobody but the planted people carries their exact names
           CASE WHEN t.k IS NULL THEN l.name ELSE l2.name END AS last
      FROM pick p
      JOIN population_first f ON f.i = p.fi
      JOIN population_last l ON l.i = p.li
      JOIN population_last l2 ON l2.i = 1 + p.li % v_nl
      LEFT JOIN pg_temp.population_planted() t ON t.full_name = f.name || ' ' || l.name
  ), local AS MATERIALIZED (
    SELECT n.*,
           -- e-mail letters: lower case, no accents, no apostrophes, hyphens or spaces
           translate(lower(n.first), 'áàâäãåçéèêëíìîïñóòôöõøúùûüýÿłśźżćńąęő'' -', 'aaaaaaceeeeiiiinoooooouuuuyylszzcnaeo') AS f,
           translate(lower(n.last), 'áàâäãåçéèêëíìîïñóòôöõøúùûüýÿłśźżćńąęő'' -', 'aaaaaaceeeeiiiinoooooouuuuyylszzcnaeo') AS l
      FROM named n
  ), mail AS (
    SELECT lo.*,
           CASE lo.r1 % 10
             WHEN 0 THEN lo.f || '.' || lo.l
             WHEN 1 THEN lo.f || '.' || lo.l
             WHEN 2 THEN lo.f || lo.l
             WHEN 3 THEN left(lo.f, 1) || '.' || lo.l
             WHEN 4 THEN left(lo.f, 1) || lo.l
             WHEN 5 THEN lo.f || '_' || lo.l
             WHEN 6 THEN lo.l || '.' || lo.f
             WHEN 7 THEN lo.f || (50 + lo.r2 % 55)::text
             WHEN 8 THEN lo.f || '.' || lo.l || (lo.r2 % 100)::text
             ELSE lo.f || left(lo.l, 1) || (1950 + lo.r2 % 56)::text
           END AS addr,
           d.name AS domain
      FROM local lo
      JOIN population_domain d ON d.i = (lo.r1 / 10) % cardinality(v_domains)
  )
  SELECT CASE WHEN m.g <= v_planted  -- the planted people's rows: ids easy to read
              THEN ('f0000000-0000-4000-8000-' || lpad(CASE m.tag WHEN 'a' THEN m.g ELSE 100 + m.g END::text, 12, '0'))::uuid
              ELSE pg_temp.population_id('person-' || m.tag, m.g::text) END AS id,
         m.org, m.tag, m.g, m.first || ' ' || m.last AS full_name,
         -- one address per person: the second James Smith at gmail gets a number
         m.addr || CASE WHEN row_number() OVER w > 1 THEN (row_number() OVER w)::text ELSE '' END
                || '@' || m.domain AS email,
         CASE (m.r2 / 100) % 20
           WHEN 0 THEN NULL WHEN 1 THEN NULL WHEN 2 THEN NULL                     -- no phone given
           WHEN 3 THEN '+44 7' || lpad(((m.r1 / 7) % 1000)::text, 3, '0') || ' ' || lpad((m.r2 % 1000000)::text, 6, '0')
           WHEN 4 THEN '+447' || lpad(((m.r1 / 7) % 1000)::text, 3, '0') || lpad((m.r2 % 1000000)::text, 6, '0')
           WHEN 5 THEN '(020) 7' || lpad(((m.r1 / 7) % 1000)::text, 3, '0') || ' ' || lpad((m.r2 % 10000)::text, 4, '0')
           WHEN 6 THEN '0161 ' || lpad(((m.r1 / 7) % 1000)::text, 3, '0') || ' ' || lpad((m.r2 % 10000)::text, 4, '0')
           WHEN 7 THEN '+353 8' || (m.r1 % 10)::text || ' ' || lpad(((m.r1 / 7) % 1000)::text, 3, '0') || ' '
                       || lpad((m.r2 % 10000)::text, 4, '0')
           WHEN 8 THEN '+48 ' || (5 + m.r1 % 4)::text || lpad(((m.r1 / 7) % 100)::text, 2, '0') || ' '
                       || lpad(((m.r2 / 1000) % 1000)::text, 3, '0') || ' ' || lpad((m.r2 % 1000)::text, 3, '0')
           WHEN 9 THEN '+33 6 ' || lpad(((m.r1 / 7) % 100)::text, 2, '0') || ' ' || lpad(((m.r2 / 10000) % 100)::text, 2, '0')
                       || ' ' || lpad(((m.r2 / 100) % 100)::text, 2, '0') || ' ' || lpad((m.r2 % 100)::text, 2, '0')
           ELSE '07' || lpad(((m.r1 / 7) % 1000)::text, 3, '0') || ' ' || lpad((m.r2 % 1000000)::text, 6, '0')
         END AS phone,
         m.r1, m.r2
    FROM mail m
  WINDOW w AS (PARTITION BY m.org, m.addr, m.domain ORDER BY m.g);

  -- the planted people take the first rows of each organisation: their names, e-mails
  -- (B's at another domain) and phones
  UPDATE population_people p
     SET full_name = t.full_name,
         email = CASE p.tag WHEN 'a' THEN t.email ELSE split_part(t.email, '@', 1) || '@elsewhere.example' END,
         phone = t.phone
    FROM pg_temp.population_planted() t
   WHERE p.g = t.k;

  -- A bulk load builds the search indexes faster from scratch than row by row (and
  -- leaves them as a settled database has them, no pending entries): the plain
  -- indexes of users are dropped and made again from their own definitions.
  SELECT array_agg(pg_get_indexdef(i.indexrelid)) INTO v_indexes
    FROM pg_index i
   WHERE i.indrelid = 'public.users'::regclass AND NOT i.indisunique
     AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid);
  EXECUTE (SELECT string_agg(format('DROP INDEX public.%I', c.relname), '; ')
             FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
            WHERE i.indrelid = 'public.users'::regclass AND NOT i.indisunique
              AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.indexrelid));

  INSERT INTO users (id, organization_id, full_name, email, phone, created_at, updated_at)
  SELECT p.id, p.org, p.full_name, p.email, p.phone,
         timestamptz '2025-06-01 00:00+00' - make_interval(mins => p.r1 % 500000),
         timestamptz '2025-06-01 00:00+00' - make_interval(mins => p.r1 % 500000)
    FROM population_people p
   ORDER BY p.org, p.g;
  FOR v_i IN 1 .. cardinality(v_indexes) LOOP
    EXECUTE v_indexes[v_i];
  END LOOP;

  -- orders for about a third of the people (every planted person has one): one to
  -- three each, mostly paid, newest in the last year before the fixed date
  INSERT INTO orders (id, organization_id, user_id, event_id, status, total_amount, platform_fee,
                      net_amount, created_by, paid_at, created_at, updated_at)
  SELECT pg_temp.population_id('order-' || p.tag, p.g || ':' || k),
         p.org, p.id, CASE p.tag WHEN 'a' THEN p_event ELSE p_other_event END,
         s.status, s.total, s.fee, s.total - s.fee, 'population',
         CASE s.status WHEN 'PAID' THEN s.at END, s.at, s.at
    FROM population_people p
    CROSS JOIN LATERAL generate_series(1, 1 + (p.r2 / 7) % 3) k
    CROSS JOIN LATERAL (
      SELECT CASE WHEN (p.r1 + k) % 10 < 8 THEN 'PAID' WHEN (p.r1 + k) % 10 = 8 THEN 'FAILED'
                  ELSE 'CANCELLED' END AS status,
             (22 * (1 + (p.r2 + k) % 4))::numeric(10, 2) AS total,
             (2 * (1 + (p.r2 + k) % 4))::numeric(10, 2) AS fee,
             timestamptz '2026-01-01 00:00+00' - make_interval(mins => (p.r1 / 3 + k * 7919) % 525600) AS at) s
   WHERE p.g <= v_planted OR p.r1 % 3 = 0;

  ANALYZE users;
  ANALYZE orders;

  RETURN QUERY
  SELECT p.org, count(*), count(DISTINCT p.full_name), count(p.phone),
         (SELECT count(*) FROM orders o WHERE o.organization_id = p.org AND o.created_by = 'population')
    FROM population_people p GROUP BY p.org ORDER BY min(p.tag);
  DROP TABLE population_people, population_first, population_last, population_domain;
END $$;
