import django.core.validators
import django.db.models.deletion
import levelfield.payments.models
from decimal import Decimal
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('collectives', '0005_coordinator_job'),
        ('people', '__first__'),
        ('projects', '0003_coordinator_job_and_join_requests'),
    ]

    operations = [
        migrations.CreateModel(
            name='ExpenseCategory',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('name', models.CharField(max_length=80)),
                ('limit', models.DecimalField(decimal_places=2, max_digits=10, validators=[django.core.validators.MinValueValidator(Decimal('0'))], verbose_name='most per claim')),
                ('receipt_over', models.DecimalField(decimal_places=2, help_text='0 means a receipt is always needed.', max_digits=10, validators=[django.core.validators.MinValueValidator(Decimal('0'))], verbose_name='receipt needed for amounts over')),
                ('cost_code', models.CharField(blank=True, max_length=40)),
            ],
            options={
                'verbose_name_plural': 'expense categories',
                'ordering': ['name'],
            },
        ),
        migrations.CreateModel(
            name='Batch',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('created_at', models.DateTimeField()),
                ('total', models.DecimalField(decimal_places=2, max_digits=10, validators=[django.core.validators.MinValueValidator(Decimal('0'))])),
                ('csv_file', models.BinaryField()),
                ('xlsx_file', models.BinaryField()),
                ('paid_on', models.DateField(blank=True, null=True)),
                ('collective', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='payment_batches', to='collectives.collective')),
                ('created_by', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('paid_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'verbose_name_plural': 'batches',
                'ordering': ['-created_at', '-id'],
            },
        ),
        migrations.CreateModel(
            name='Claim',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('status', models.CharField(choices=[('draft', 'Draft'), ('submitted', 'Waiting for approval'), ('queried', 'Question for you'), ('approved', 'Approved'), ('rejected', 'Not approved'), ('exported', 'Sent to finance'), ('paid', 'Paid')], default='draft', max_length=20)),
                ('choice', models.CharField(choices=[('fee', 'A fee paid to me'), ('voucher', 'A voucher instead of a fee'), ('decline', 'No fee (I decline payment; expenses are still paid)')], default='fee', max_length=20, verbose_name='how you would like to be paid')),
                ('fee_total', models.DecimalField(decimal_places=2, default=Decimal('0.00'), max_digits=10, validators=[django.core.validators.MinValueValidator(Decimal('0'))])),
                ('expense_total', models.DecimalField(decimal_places=2, default=Decimal('0.00'), max_digits=10, validators=[django.core.validators.MinValueValidator(Decimal('0'))])),
                ('first_activity_on', models.DateField()),
                ('created_at', models.DateTimeField(auto_now_add=True)),
                ('submitted_at', models.DateTimeField(blank=True, null=True)),
                ('decided_at', models.DateTimeField(blank=True, null=True)),
                ('rejection_reason', models.TextField(blank=True)),
                ('paid_on', models.DateField(blank=True, null=True)),
                ('batch', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='claims', to='payments.batch')),
                ('claimant', models.ForeignKey(help_text='Empty when the person has since deleted their account.', null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='payment_claims', to=settings.AUTH_USER_MODEL)),
                ('collective', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='claims', to='collectives.collective')),
                ('decided_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'ordering': ['-created_at', '-id'],
                'indexes': [models.Index(fields=['collective', 'status'], name='payments_cl_collect_f9e04a_idx')],
                'constraints': [models.CheckConstraint(condition=models.Q(('status__in', ['draft', 'submitted', 'queried', 'approved', 'rejected', 'exported', 'paid'])), name='payments_claim_status_known'), models.CheckConstraint(condition=models.Q(('expense_total__gte', 0), ('fee_total__gte', 0)), name='payments_claim_totals_not_negative'), models.CheckConstraint(condition=models.Q(models.Q(('choice', 'decline'), _negated=True), ('fee_total', 0), _connector='OR'), name='payments_declined_claim_has_no_fee'), models.CheckConstraint(condition=models.Q(models.Q(('status__in', ['exported', 'paid']), _negated=True), ('batch__isnull', False), _connector='OR'), name='payments_exported_claim_in_a_batch'), models.CheckConstraint(condition=models.Q(models.Q(('status', 'paid'), _negated=True), ('paid_on__isnull', False), _connector='OR'), name='payments_paid_claim_has_date')],
            },
        ),
        migrations.CreateModel(
            name='ClaimLine',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('title', models.CharField(max_length=200)),
                ('happened_on', models.DateField()),
                ('minutes', models.PositiveIntegerField(help_text='The time paid, as recorded in the log.')),
                ('basis', models.CharField(max_length=20)),
                ('rate', models.DecimalField(decimal_places=2, max_digits=10, validators=[django.core.validators.MinValueValidator(Decimal('0'))])),
                ('amount', models.DecimalField(decimal_places=2, max_digits=10, validators=[django.core.validators.MinValueValidator(Decimal('0'))])),
                ('claim', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='lines', to='payments.claim')),
                ('participation', models.OneToOneField(on_delete=django.db.models.deletion.PROTECT, related_name='claim_line', to='projects.participation')),
            ],
            options={
                'ordering': ['happened_on', 'id'],
            },
        ),
        migrations.CreateModel(
            name='ClaimMessage',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('kind', models.CharField(choices=[('question', 'Question'), ('answer', 'Answer')], max_length=20)),
                ('text', models.TextField()),
                ('at', models.DateTimeField(auto_now_add=True)),
                ('author', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('claim', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='messages', to='payments.claim')),
            ],
            options={
                'ordering': ['at', 'id'],
            },
        ),
        migrations.CreateModel(
            name='Expense',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('description', models.CharField(max_length=200)),
                ('amount', models.DecimalField(decimal_places=2, max_digits=10, validators=[django.core.validators.MinValueValidator(Decimal('0'))])),
                ('receipt', models.FileField(blank=True, max_length=200, upload_to=levelfield.payments.models.receipt_path)),
                ('receipt_type', models.CharField(blank=True, max_length=40)),
                ('uuid_hex', models.CharField(editable=False, max_length=32)),
                ('added_at', models.DateTimeField(auto_now_add=True)),
                ('claim', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='expenses', to='payments.claim')),
                ('category', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='payments.expensecategory')),
            ],
            options={
                'ordering': ['added_at', 'id'],
                'constraints': [models.CheckConstraint(condition=models.Q(('amount__gt', 0)), name='payments_expense_positive')],
            },
        ),
        migrations.CreateModel(
            name='PaymentPolicy',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('hourly_up_to_minutes', models.PositiveIntegerField(default=120, help_text='Time up to this is paid by the hour.')),
                ('half_day_up_to_minutes', models.PositiveIntegerField(default=240, help_text='Time over the hourly limit and up to this is a half day.')),
                ('counts_preparation', models.BooleanField(default=True, verbose_name='preparation time is paid')),
                ('counts_travel', models.BooleanField(default=True, verbose_name='travel time is paid')),
                ('pay_within_days', models.PositiveSmallIntegerField(default=10, verbose_name='we aim to pay within this many days of a claim')),
                ('fee_cost_code', models.CharField(blank=True, max_length=40, verbose_name='cost code for fees')),
                ('yearly_warning_amount', models.DecimalField(blank=True, decimal_places=2, max_digits=10, null=True, validators=[django.core.validators.MinValueValidator(Decimal('0'))], verbose_name='amount in a tax year at which we remind people about benefits advice')),
                ('notes', models.TextField(blank=True, verbose_name='anything else people should know')),
                ('updated_at', models.DateTimeField(auto_now=True)),
                ('approvers', models.ManyToManyField(blank=True, help_text='Besides coordinators.', related_name='+', to=settings.AUTH_USER_MODEL)),
                ('collective', models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, related_name='payment_policy', to='collectives.collective')),
                ('finance_officers', models.ManyToManyField(blank=True, related_name='+', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'verbose_name_plural': 'payment policies',
                'constraints': [models.CheckConstraint(condition=models.Q(('half_day_up_to_minutes__gte', models.F('hourly_up_to_minutes'))), name='payments_bands_in_order')],
            },
        ),
        migrations.AddField(
            model_name='expensecategory',
            name='policy',
            field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='expense_categories', to='payments.paymentpolicy'),
        ),
        migrations.CreateModel(
            name='Rate',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('effective_from', models.DateField(verbose_name='applies to activity on or after')),
                ('hourly', models.DecimalField(decimal_places=2, max_digits=10, validators=[django.core.validators.MinValueValidator(Decimal('0'))], verbose_name='per hour')),
                ('half_day', models.DecimalField(decimal_places=2, max_digits=10, validators=[django.core.validators.MinValueValidator(Decimal('0'))], verbose_name='per half day')),
                ('day', models.DecimalField(decimal_places=2, max_digits=10, validators=[django.core.validators.MinValueValidator(Decimal('0'))], verbose_name='per day')),
                ('note', models.CharField(blank=True, help_text='For example: “Example rates for the demo”.', max_length=200)),
                ('created_at', models.DateTimeField(auto_now_add=True)),
                ('policy', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='rates', to='payments.paymentpolicy')),
            ],
            options={
                'ordering': ['-effective_from'],
                'constraints': [models.UniqueConstraint(fields=('policy', 'effective_from'), name='payments_one_rate_per_date'), models.CheckConstraint(condition=models.Q(('day__gte', 0), ('half_day__gte', 0), ('hourly__gte', 0)), name='payments_rates_not_negative')],
            },
        ),
        migrations.CreateModel(
            name='YearlyLimit',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('amount', models.DecimalField(decimal_places=2, max_digits=10, validators=[django.core.validators.MinValueValidator(Decimal('0'))])),
                ('person', models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, related_name='yearly_payment_limit', to=settings.AUTH_USER_MODEL)),
            ],
        ),
        migrations.AddConstraint(
            model_name='expensecategory',
            constraint=models.UniqueConstraint(fields=('policy', 'name'), name='payments_category_once'),
        ),
    ]
