package app.gutskin.tests

import app.gutskin.core.Diary
import app.gutskin.core.backupInfo
import app.gutskin.core.diaryFileKind
import app.gutskin.core.newDiaryKey
import app.gutskin.core.wipeDiaryFiles
import app.gutskin.core.model.BackupSealing
import app.gutskin.core.model.BackupSecret
import app.gutskin.core.model.DiaryFile
import app.gutskin.core.model.EncryptionFailure
import app.gutskin.core.model.EntryDetails
import app.gutskin.core.model.GutskinException
import app.gutskin.core.model.NewEntry
import app.gutskin.diary.UserMessage
import java.io.File
import java.time.Instant
import kotlin.test.assertContentEquals
import kotlin.test.assertEquals
import kotlin.test.assertFailsWith
import kotlin.test.assertFalse
import kotlin.test.assertTrue
import org.junit.Test

/** Encryption at rest, backups and restore, and wipe (bindings/src/privacy.rs), as an app uses them. */
class PrivacyTest {
    private val at = Instant.parse("2025-06-10T08:00:00Z")

    private fun stress(level: Int, note: String? = null) =
        NewEntry(at, "Europe/Berlin", null, note, listOf("work"), EntryDetails.Stress(level.toUByte()))

    private fun Diary.count() = entriesBetween("2025-06-01", "2025-06-30", null, true).size

    @Test
    fun anEncryptedDiaryOpensWithItsKeyOnlyAndTheWrongKeyIsATypedException() {
        val dir = tempDir()
        val path = File(dir, "diary.sqlite").path
        val key = newDiaryKey()
        assertEquals(32, key.size)
        assertEquals(DiaryFile.MISSING, diaryFileKind(path))
        Diary.openEncrypted(path, key).use { diary ->
            assertTrue(diary.isEncrypted())
            diary.logEntry(stress(6, "a private note"))
        }
        assertEquals(DiaryFile.ENCRYPTED, diaryFileKind(path))
        val bytes = File(path).readBytes()
        assertFalse(String(bytes, Charsets.ISO_8859_1).contains("a private note"))

        val missing = assertFailsWith<GutskinException.Encryption> { Diary.open(path) }
        assertEquals(EncryptionFailure.KEY_NEEDED, missing.reason)
        val wrong = assertFailsWith<GutskinException.Encryption> { Diary.openEncrypted(path, newDiaryKey()) }
        assertEquals(EncryptionFailure.WRONG_KEY, wrong.reason)
        assertTrue(UserMessage.of(wrong).text.contains("key"))
        assertContentEquals(bytes, File(path).readBytes(), "left untouched")
        assertFailsWith<GutskinException.InvalidInput> { Diary.openEncrypted(path, ByteArray(16)) }
        Diary.openEncrypted(path, key).use { assertEquals(1, it.count()) }
    }

    @Test
    fun encryptRekeyAndDecryptLoseNothing() {
        val path = File(tempDir(), "diary.sqlite").path
        val key = newDiaryKey()
        val newKey = newDiaryKey()
        Diary.open(path).use { diary ->
            repeat(10) { diary.logEntry(stress(it)) }
            diary.encrypt(key)
            assertTrue(diary.isEncrypted())
            diary.rekey(newKey)
            diary.logEntry(stress(1))
        }
        assertEquals(DiaryFile.ENCRYPTED, diaryFileKind(path))
        assertEquals(
            EncryptionFailure.WRONG_KEY,
            assertFailsWith<GutskinException.Encryption> { Diary.openEncrypted(path, key) }.reason,
        )
        Diary.openEncrypted(path, newKey).use { diary ->
            assertEquals(11, diary.count())
            diary.decrypt()
            assertFalse(diary.isEncrypted())
        }
        val notEncrypted = assertFailsWith<GutskinException.Encryption> { Diary.openEncrypted(path, newKey) }
        assertEquals(EncryptionFailure.NOT_ENCRYPTED, notEncrypted.reason)
        Diary.open(path).use { assertEquals(11, it.count()) }
    }

    @Test
    fun aPassphraseBackupMovesTheDiaryToANewPhone() {
        val oldPhone = tempDir()
        val backup = File(oldPhone, "gutskin.backup").path
        val phrase = BackupSecret.Passphrase("correct horse battery")
        Diary.open(File(oldPhone, "diary.sqlite").path).use { diary ->
            repeat(3) { diary.logEntry(stress(it)) }
            val info = diary.backupToFile(backup, phrase)
            assertEquals(BackupSealing.PASSPHRASE, info.sealing)
        }
        assertEquals(BackupSealing.PASSPHRASE, backupInfo(backup).sealing)

        val newPhone = File(tempDir(), "diary.sqlite").path
        Diary.openEncrypted(newPhone, newDiaryKey()).use { diary ->
            val wrong = assertFailsWith<GutskinException.Encryption> {
                diary.restoreFromFile(backup, BackupSecret.Passphrase("correct horse battery!"), false)
            }
            assertEquals(EncryptionFailure.WRONG_PASSPHRASE, wrong.reason)
            val report = diary.restoreFromFile(backup, phrase, false)
            assertEquals(3uL, report.entries)
            assertTrue(report.encrypted, "restored under the new phone's key")
            assertEquals(3, diary.count())
            val replace = assertFailsWith<GutskinException.InvalidInput> { diary.restoreFromFile(backup, phrase, false) }
            assertEquals("replace", replace.field)
        }
        val cut = File(oldPhone, "cut.backup").apply { writeBytes(File(backup).readBytes().copyOf(120)) }
        Diary.openInMemory().use { diary ->
            val damaged = assertFailsWith<GutskinException.Encryption> { diary.restoreFromFile(cut.path, phrase, true) }
            assertEquals(EncryptionFailure.DAMAGED_BACKUP, damaged.reason)
        }
    }

    @Test
    fun anEncryptedDiaryBacksUpUnderItsKey() {
        val dir = tempDir()
        val key = newDiaryKey()
        val backup = File(dir, "key.backup").path
        Diary.openEncrypted(File(dir, "a.sqlite").path, key).use { diary ->
            diary.logEntry(stress(4))
            diary.backupToFile(backup, BackupSecret.Key(key))
        }
        Diary.open(File(dir, "b.sqlite").path).use { diary ->
            val needsKey = assertFailsWith<GutskinException.Encryption> {
                diary.restoreFromFile(backup, BackupSecret.Passphrase("correct horse battery"), false)
            }
            assertEquals(EncryptionFailure.KEY_NEEDED, needsKey.reason)
            assertFalse(diary.restoreFromFile(backup, BackupSecret.Key(key), false).encrypted)
            assertEquals(1, diary.count())
        }
    }

    @Test
    fun wipeLeavesNothingOfTheDiaryAndClosesIt() {
        val dir = tempDir()
        val path = File(dir, "diary.sqlite").path
        File(dir, "other.txt").writeText("not the diary's")
        Diary.open(path).use { diary ->
            diary.logEntry(stress(5))
            val report = diary.wipe()
            assertTrue(report.removedFiles.any { it.endsWith("diary.sqlite") }, "$report")
            assertTrue(report.photoFiles.isEmpty())
            assertFailsWith<GutskinException.Storage> { diary.logEntry(stress(1)) }
        }
        assertEquals(listOf("other.txt"), dir.list()!!.sorted())

        // A diary whose key is lost is deleted without opening it.
        Diary.openEncrypted(path, newDiaryKey()).use { it.logEntry(stress(2)) }
        assertEquals(1, wipeDiaryFiles(path).removedFiles.size)
        assertEquals(listOf("other.txt"), dir.list()!!.sorted())
    }
}
