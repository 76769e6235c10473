-- CreateTable
CREATE TABLE "ReviewBucket" (
    "userId" UUID NOT NULL,
    "bucketStart" TIMESTAMPTZ(3) NOT NULL,
    "topicId" TEXT NOT NULL,
    "reviews" INTEGER NOT NULL,
    "again" INTEGER NOT NULL,
    "hard" INTEGER NOT NULL,
    "good" INTEGER NOT NULL,
    "easy" INTEGER NOT NULL,
    "durationMs" BIGINT NOT NULL,
    "matureReviews" INTEGER NOT NULL,
    "matureAgain" INTEGER NOT NULL,

    CONSTRAINT "ReviewBucket_pkey" PRIMARY KEY ("userId","bucketStart","topicId")
);

-- AddForeignKey
ALTER TABLE "ReviewBucket" ADD CONSTRAINT "ReviewBucket_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Everything below is written by hand: schema.prisma cannot describe
-- functions or triggers, and Prisma's engine neither creates nor drops them.
--
-- ReviewBucket is kept equal to the review log by the database itself, so
-- every writer (the review save, undo, restore, a deleted account, a card
-- that moves to another topic) keeps it right without knowing it exists.

-- Adds signed review rows to their buckets. `deltas` is a JSON array of
-- objects with userId, reviewedAt, topicId, rating, durationMs, stateBefore
-- and sign (+1 to count a review, -1 to take it back). A bucket whose reviews
-- are all taken back stays with zero counts, which statistics skip.
-- Rows of a user who no longer exists (an account being deleted, whose
-- buckets go with it) are skipped.
CREATE FUNCTION "ReviewBucket_apply"(deltas jsonb) RETURNS void LANGUAGE sql AS $$
  INSERT INTO "ReviewBucket" AS b ("userId", "bucketStart", "topicId", "reviews", "again", "hard", "good", "easy",
    "durationMs", "matureReviews", "matureAgain")
  SELECT d."userId", date_bin('15 minutes', d."reviewedAt", TIMESTAMPTZ '2000-01-01 00:00:00+00'), d."topicId",
    sum(d."sign"),
    sum(CASE WHEN d."rating" = 1 THEN d."sign" ELSE 0 END),
    sum(CASE WHEN d."rating" = 2 THEN d."sign" ELSE 0 END),
    sum(CASE WHEN d."rating" = 3 THEN d."sign" ELSE 0 END),
    sum(CASE WHEN d."rating" = 4 THEN d."sign" ELSE 0 END),
    sum(d."sign" * d."durationMs"::bigint),
    sum(CASE WHEN d."stateBefore" = 2 THEN d."sign" ELSE 0 END),
    sum(CASE WHEN d."stateBefore" = 2 AND d."rating" = 1 THEN d."sign" ELSE 0 END)
  FROM jsonb_to_recordset(deltas) AS d("userId" uuid, "reviewedAt" timestamptz, "topicId" text, "rating" int,
    "durationMs" int, "stateBefore" int, "sign" int)
  WHERE EXISTS (SELECT 1 FROM "User" u WHERE u."id" = d."userId")
  GROUP BY 1, 2, 3
  -- An update that changes nothing counted nets to zero everywhere.
  HAVING sum(d."sign") <> 0
    OR sum(CASE WHEN d."rating" = 1 THEN d."sign" ELSE 0 END) <> 0
    OR sum(CASE WHEN d."rating" = 2 THEN d."sign" ELSE 0 END) <> 0
    OR sum(CASE WHEN d."rating" = 3 THEN d."sign" ELSE 0 END) <> 0
    OR sum(CASE WHEN d."rating" = 4 THEN d."sign" ELSE 0 END) <> 0
    OR sum(d."sign" * d."durationMs"::bigint) <> 0
    OR sum(CASE WHEN d."stateBefore" = 2 THEN d."sign" ELSE 0 END) <> 0
    OR sum(CASE WHEN d."stateBefore" = 2 AND d."rating" = 1 THEN d."sign" ELSE 0 END) <> 0
  ON CONFLICT ("userId", "bucketStart", "topicId") DO UPDATE SET
    "reviews" = b."reviews" + excluded."reviews",
    "again" = b."again" + excluded."again",
    "hard" = b."hard" + excluded."hard",
    "good" = b."good" + excluded."good",
    "easy" = b."easy" + excluded."easy",
    "durationMs" = b."durationMs" + excluded."durationMs",
    "matureReviews" = b."matureReviews" + excluded."matureReviews",
    "matureAgain" = b."matureAgain" + excluded."matureAgain";
$$;

-- The reviews in `reviews` (a JSON array of ReviewLog rows) that are not
-- undone, as deltas for ReviewBucket_apply under their card's topic, each
-- with `direction`. JSON because rows of a trigger's transition table reach
-- plpgsql as plain records, which no typed array parameter accepts.
CREATE FUNCTION "ReviewBucket_deltas"(reviews jsonb, direction int) RETURNS jsonb LANGUAGE sql STABLE AS $$
  SELECT coalesce(jsonb_agg(jsonb_build_object('userId', r."userId", 'reviewedAt', r."reviewedAt",
      'topicId', c."topicId", 'rating', r."rating", 'durationMs', r."durationMs", 'stateBefore', r."stateBefore",
      'sign', direction)), '[]'::jsonb)
  FROM jsonb_to_recordset(coalesce(reviews, '[]'::jsonb)) AS r("userId" uuid, "cardId" text,
    "reviewedAt" timestamptz, "rating" int, "durationMs" int, "stateBefore" int, "undoneAt" timestamptz)
  JOIN "Card" c ON c."id" = r."cardId"
  WHERE r."undoneAt" IS NULL
$$;

-- Rows written count, rows removed are taken back, and an update does both,
-- so an undo (setting undoneAt) takes the review back.
CREATE FUNCTION "ReviewBucket_follow_review_log"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  deltas jsonb := '[]'::jsonb;
BEGIN
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    deltas := deltas || "ReviewBucket_deltas"((SELECT jsonb_agg(to_jsonb(a)) FROM "added" a), 1);
  END IF;

  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    deltas := deltas || "ReviewBucket_deltas"((SELECT jsonb_agg(to_jsonb(g)) FROM "gone" g), -1);
  END IF;

  IF jsonb_array_length(deltas) > 0 THEN
    PERFORM "ReviewBucket_apply"(deltas);
  END IF;

  RETURN NULL;
END;
$$;

CREATE TRIGGER "ReviewBucket_after_review_insert" AFTER INSERT ON "ReviewLog"
  REFERENCING NEW TABLE AS "added" FOR EACH STATEMENT EXECUTE FUNCTION "ReviewBucket_follow_review_log"();
CREATE TRIGGER "ReviewBucket_after_review_update" AFTER UPDATE ON "ReviewLog"
  REFERENCING OLD TABLE AS "gone" NEW TABLE AS "added" FOR EACH STATEMENT EXECUTE FUNCTION "ReviewBucket_follow_review_log"();
CREATE TRIGGER "ReviewBucket_after_review_delete" AFTER DELETE ON "ReviewLog"
  REFERENCING OLD TABLE AS "gone" FOR EACH STATEMENT EXECUTE FUNCTION "ReviewBucket_follow_review_log"();

-- A card that moves to another topic (a content edit) takes its reviews along.
CREATE FUNCTION "ReviewBucket_follow_card_topic"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  deltas jsonb;
BEGIN
  SELECT jsonb_agg(jsonb_build_object('userId', r."userId", 'reviewedAt', r."reviewedAt", 'topicId', m."topicId",
      'rating', r."rating", 'durationMs', r."durationMs", 'stateBefore', r."stateBefore", 'sign', m."sign"))
    INTO deltas
    FROM (
      SELECT n."id", n."topicId", 1 AS "sign" FROM "added" n JOIN "gone" o ON o."id" = n."id"
        WHERE o."topicId" <> n."topicId"
      UNION ALL
      SELECT o."id", o."topicId", -1 AS "sign" FROM "added" n JOIN "gone" o ON o."id" = n."id"
        WHERE o."topicId" <> n."topicId"
    ) m
    JOIN "ReviewLog" r ON r."cardId" = m."id"
    WHERE r."undoneAt" IS NULL;

  IF deltas IS NOT NULL THEN
    PERFORM "ReviewBucket_apply"(deltas);
  END IF;

  RETURN NULL;
END;
$$;

CREATE TRIGGER "ReviewBucket_after_card_update" AFTER UPDATE ON "Card"
  REFERENCING OLD TABLE AS "gone" NEW TABLE AS "added" FOR EACH STATEMENT EXECUTE FUNCTION "ReviewBucket_follow_card_topic"();

-- Count the reviews saved before this migration, one user at a time so no
-- single array holds everyone's history.
DO $$
DECLARE
  account record;
BEGIN
  FOR account IN SELECT "id" FROM "User" LOOP
    PERFORM "ReviewBucket_apply"("ReviewBucket_deltas"(
      (SELECT jsonb_agg(to_jsonb(r)) FROM "ReviewLog" r WHERE r."userId" = account."id"), 1));
  END LOOP;
END;
$$;
